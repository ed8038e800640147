/**
 * The same labelled figure quoted with different amounts in different places
 * (「基本支出416.47万元」 in 二, 「基本支出434.35万元」 in 三). Compared within a scope: the
 * unit's paragraphs compare distinctive labels only; an item's paragraphs compare all.
 */
import { halfYuan, yuanOf } from './arith';
import { addFinding, AuditContext, labelled, printed } from './context';
import { Figure } from './extract';
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
    const equal = (a: Figure, b: Figure) => yuanOf(a).minus(yuanOf(b)).abs().lte(halfYuan(a).plus(halfYuan(b)));
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
