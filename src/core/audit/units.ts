/**
 * Unit slips: an amount in 元 among 万元 figures whose magnitude says 万元 (「项目支出131.31元」),
 * a doubled unit (万万元, 元元) or a truncated one (「131.31万，」 where the report writes 万元).
 */
import { addFinding, AuditContext, printed } from './context';
import { Figure, Paragraph } from './extract';

/** Marks 元 figures that read like 万元; run before the arithmetic so it can confirm them. */
export function markSuspectUnits(paras: Paragraph[]): void {
  let wan = 0;
  let yuan = 0;
  for (const p of paras) for (const f of p.figures) if (f.kind === 'amount' && !f.inTable) {
        if (f.unit === '元') yuan++;
        else wan++;
      }
  if (wan < 3 || wan < yuan * 2) return;
  for (const p of paras) {
    for (const f of p.figures) {
      if (f.kind !== 'amount' || f.unit !== '元' || f.inTable || f.value.abs().gte(10000)) continue;
      if (/人均|每人|每|标准|单价|均价|平均|限额|最高|不超过|不高于/.test(f.label)) continue;
      // 「3,560元」: a writer who groups thousands means 元.
      if (p.norm.slice(f.start, f.numEnd).includes(',')) continue;
      const after = p.norm.slice(f.end, f.end + 3);
      if (/^[/／]|^每|^\/人/.test(after)) continue;
      f.suspectUnit = '万元';
    }
  }
}

export function checkUnits(ctx: AuditContext, p: Paragraph, docUsesWanYuan: boolean): void {
  for (const f of p.figures) {
    if (f.suspectUnit) reportSuspect(ctx, p, f);
  }
  for (const m of p.norm.matchAll(/(万万元|万元元|元元|亿亿元|亿元元|万元万元|亿万元|万亿元|%%)/g)) {
    addFinding(ctx, 'unit-slip', 'error', p, m.index, m.index + m[0].length, `单位重复：「${p.raw.slice(m.index, m.index + m[0].length)}」`, `doubled unit "${m[0]}"`);
  }
  if (docUsesWanYuan) {
    for (const f of p.figures) {
      if (f.kind !== 'amount' || f.unit !== '万元' || f.inTable) continue;
      const raw = p.norm.slice(f.numEnd, f.end).trim();
      if (raw !== '万') continue;
      const next = p.norm[f.end] ?? '';
      if (!/^[，,。;、)\s]?$/.test(next)) continue;
      addFinding(ctx, 'unit-slip', 'warning', p, f.start, f.end, `单位不完整：「${printed(p, f)}」，全文其他金额写作“万元”`, `truncated unit "${printed(p, f)}"; the report writes 万元 elsewhere`);
    }
  }
}

function reportSuspect(ctx: AuditContext, p: Paragraph, f: Figure): void {
  const confirmed = ctx.unitEvidence.has(f);
  addFinding(
    ctx,
    'unit-slip',
    confirmed ? 'error' : 'warning',
    p,
    f.labelStart,
    f.end,
    confirmed
      ? `单位错误：「${f.rawLabel}${printed(p, f)}」应为${f.value.toFixed(f.decimals)}万元（按万元计算与上下文数字相符）`
      : `单位疑似错误：「${f.rawLabel}${printed(p, f)}」，全文金额多以万元计，此处是否应为万元？`,
    confirmed
      ? `unit slip: ${printed(p, f)} should read ${f.value.toFixed(f.decimals)}万元 (the figures around it agree in 万元)`
      : `suspect unit: ${printed(p, f)} among 万元 figures; should it be 万元?`,
    { expected: `${f.value.toFixed(f.decimals)}万元`, actual: printed(p, f), label: f.label },
  );
}
