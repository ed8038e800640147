/**
 * The same labelled figure quoted with different amounts in different places
 * (「基本支出416.47万元」 in 二, 「基本支出434.35万元」 in 三). Compared within a scope: the
 * unit's paragraphs compare distinctive labels only; an item's paragraphs compare all.
 */
import { outcomeOf } from '../rounding';
import { halfYuan, yuanOf } from './arith';
import { addFinding, AuditContext, labelled, printed } from './context';
import { Figure } from './extract';
import { labelKey } from './normalize';
import { roleOf } from './roles';
import { GENERIC_LABEL, Scope } from './scopes';

export function checkQuoted(ctx: AuditContext, scopes: Scope[]): void {
  const groups = new Map<string, Figure[]>();
  for (const p of ctx.paras) {
    const scope = scopes[p.index];
    for (const f of p.figures) {
      if (f.kind !== 'amount' && f.kind !== 'count') continue;
      if (f.inTable || f.change || f.bound || f.key.length < 2) continue;
      if (scope.id === 'unit' && (GENERIC_LABEL.test(f.key) || f.key.length < 3)) continue;
      if (/^(其中|含|共|为|是|和|及|等)$/.test(f.key)) continue;
      const year = f.year || ctx.docYear;
      const k = `${scope.id}|${year}|${f.kind}|${f.partOf ?? ''}|${f.key}`;
      const list = groups.get(k) ?? [];
      list.push(f);
      groups.set(k, list);
    }
  }
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    ctx.checks++;
    const equal = (a: Figure, b: Figure) => outcomeOf(yuanOf(a).minus(yuanOf(b)), halfYuan(a).plus(halfYuan(b))) !== 'mismatch';
    // The reference: the value most often quoted; on a tie, the one the arithmetic supports.
    const score = (f: Figure) =>
      list.filter((g) => equal(f, g)).length * 4 + (ctx.supported.has(f) ? 2 : 0) - (ctx.contradicted.has(f) ? 2 : 0) - list.indexOf(f) * 0.01;
    const ref = [...list].sort((a, b) => score(b) - score(a))[0];
    for (const f of list) {
      if (f === ref || equal(f, ref)) continue;
      // One label twice in one sentence names two things (「子项…，子项…」), not one figure twice.
      if (f.para === ref.para && f.sentence === ref.sentence) continue;
      const p = ctx.paras[f.para];
      const rp = ctx.paras[ref.para];
      const where = ref.para === f.para ? '本段前文' : `第${ref.para + 1}段`;
      addFinding(ctx, 'quoted-differently', 'error', p, f.labelStart, f.end,
        `前后数字不一致：${labelled(p, f)}，${where}为${labelled(rp, ref)}`,
        `quoted differently: ${f.label} ${printed(p, f)} here, ${printed(rp, ref)} in paragraph ${ref.para + 1}`,
        { expected: printed(rp, ref), actual: printed(p, f), label: f.label, unit: f.kind === 'amount' ? (f.unit as '万元') : undefined });
    }
  }
}

/**
 * A project's spending stated twice: in the unit's list (「业务性专项经费金额16.53万元」) and
 * in the project's own section (（1）业务性专项经费 … 实际支出16.53万元). Names must match
 * exactly; a mismatch is a warning (the list may quote a budget rather than spending).
 */
export function checkListedProjects(ctx: AuditContext, scopes: Scope[]): void {
  const strip = (k: string) => k.replace(/(金额|项目|支出|资金)$/g, '').replace(/(金额|项目)$/g, '');
  const unitByName = new Map<string, Figure[]>();
  for (const p of ctx.paras) {
    if (scopes[p.index].id !== 'unit') continue;
    for (const f of p.figures) {
      if (f.kind !== 'amount' || f.change || f.bound || f.inTable || f.partOf || GENERIC_LABEL.test(f.key)) continue;
      const k = strip(f.key);
      if (k.length < 4) continue;
      unitByName.set(k, [...(unitByName.get(k) ?? []), f]);
    }
  }
  const byScope = new Map<string, { title: string; figs: Figure[] }>();
  for (const p of ctx.paras) {
    const sc = scopes[p.index];
    if (sc.id === 'unit' || !sc.title) continue;
    const entry = byScope.get(sc.id) ?? { title: sc.title, figs: [] };
    for (const f of p.figures) if (roleOf(f) === 'actual' && !f.partOf && f.depth === 0 && f.year !== 'prev') entry.figs.push(f);
    byScope.set(sc.id, entry);
  }
  for (const { title, figs } of byScope.values()) {
    if (figs.length !== 1) continue;
    const listed = unitByName.get(strip(labelKey(title)));
    if (!listed || listed.length !== 1) continue;
    const f = figs[0];
    const u = listed[0];
    ctx.checks++;
    if (outcomeOf(yuanOf(f).minus(yuanOf(u)), halfYuan(f).plus(halfYuan(u))) !== 'mismatch') continue;
    const p = ctx.paras[f.para];
    const up = ctx.paras[u.para];
    addFinding(ctx, 'quoted-differently', 'warning', p, f.labelStart, f.end,
      `${title}：本节${labelled(p, f)}，第${u.para + 1}段列为${labelled(up, u)}`,
      `${title}: ${printed(p, f)} here, listed as ${printed(up, u)} in paragraph ${u.para + 1}`,
      { expected: printed(up, u), actual: printed(p, f), label: f.label });
  }
}
