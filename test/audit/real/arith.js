#!/usr/bin/env node
/*
 * Independent recomputation of the hand annotations in ./corpus/*.json.
 *
 * For every statement that carries a machine-readable "check", the figures are
 * recomputed with decimal.js and a verdict is derived mechanically; it is printed
 * next to the annotator's verdict.  Exit code 1 if any check disagrees.
 *
 *   node test/audit/real/arith.js            # summary + disagreements
 *   node test/audit/real/arith.js --verbose  # every check
 *
 * Verdict rules (see README.md):
 *  sum      |total - Σparts| = 0 -> holds; <= ½·10^-d(total) + Σ ½·10^-d(part) -> rounding; else slip.
 *           A part may be {"v":"8428","mul":"0.0001"} when it is printed in another unit.
 *           "exact": true (head-counts, numbers of units) drops the allowance.
 *  balance  Σleft vs Σright, same allowance over all figures.
 *  equal    a vs b (same quantity printed twice): equal -> holds, else allowance as for sums.
 *  share /  part/total·100 (rate: numerator/denominator·100), rounded half-up to the printed
 *  rate     decimals: equal -> holds.  Otherwise, only when "inputsRounded": true (aggregate
 *           figures printed coarser than the data, e.g. 亿元 to one decimal), the printed value is
 *           accepted as "rounding" if it can be reached with every input anywhere within ±½ unit
 *           of its last printed digit.  Otherwise slip; "truncated" is reported when the
 *           truncated result equals the printed one.
 *  change   current with either previous or an unsigned change and dir ("up"/"down").
 *           printedChange is compared like a sum (allowance over current, previous, change);
 *           printedRate = change/previous·100 is compared like a rate.
 *  diff     a - b (percentage points or amounts): half-up to the printed decimals -> holds,
 *           else allowance as for sums -> rounding, else slip.
 *  cagr     (end/start)^(1/years) - 1 (年均增长), compared like a rate.
 *  count    stated count vs the number of listed items.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const Decimal = require('decimal.js');
Decimal.set({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

const HUNDRED = new Decimal(100);

function clean(s) {
  return String(s).replace(/[,，\s]/g, '').replace(/%$/, '');
}
function num(x) {
  if (x && typeof x === 'object') return new Decimal(clean(x.v)).mul(new Decimal(x.mul || 1));
  return new Decimal(clean(x));
}
function decs(x) {
  const s = clean(x && typeof x === 'object' ? x.v : x);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}
function halfUnit(x) {
  // ½·10^-d, scaled by the unit multiplier when the figure is printed in another unit
  const mul = x && typeof x === 'object' && x.mul ? new Decimal(x.mul) : new Decimal(1);
  return new Decimal(10).pow(-decs(x)).div(2).mul(mul);
}
function fmt(d, n = 6) {
  return d.toSignificantDigits(12).toFixed(Math.min(n, 12)).replace(/\.?0+$/, '') || '0';
}

function sumCheck(total, parts, exact) {
  const t = num(total);
  const s = parts.reduce((a, p) => a.plus(num(p)), new Decimal(0));
  const diff = t.minus(s).abs();
  // counts of people, units, items are exact: no rounding allowance
  const allow = exact ? new Decimal(0) : parts.reduce((a, p) => a.plus(halfUnit(p)), halfUnit(total));
  let verdict = diff.isZero() ? 'holds' : diff.lte(allow) ? 'rounding' : 'slip';
  return { verdict, detail: `Σ=${fmt(s)} vs ${fmt(t)} (|Δ|=${fmt(diff)}, allowance ${fmt(allow)})` };
}

// Compare a printed percentage with a computed exact value and (optionally) an attainable interval.
function comparePct(exact, printed, lo, hi, inputsRounded) {
  const d = decs(printed);
  const p = num(printed);
  const r = exact.toDecimalPlaces(d, Decimal.ROUND_HALF_UP);
  if (r.eq(p)) return { verdict: 'holds', detail: `${fmt(exact)} -> ${r.toFixed(d)}` };
  const tr = exact.toDecimalPlaces(d, Decimal.ROUND_DOWN);
  const u = new Decimal(10).pow(-d).div(2);
  if (inputsRounded && lo && hi) {
    // printed value p stands for [p-u, p+u); accept if it meets [lo, hi]
    if (lo.lt(p.plus(u)) && hi.gte(p.minus(u))) {
      return { verdict: 'rounding', detail: `${fmt(exact)} -> ${r.toFixed(d)}; attainable [${fmt(lo)}, ${fmt(hi)}] meets printed ${p.toFixed(d)}` };
    }
  }
  const trunc = tr.eq(p) ? ' (truncated)' : '';
  const rng = inputsRounded && lo ? `; attainable [${fmt(lo)}, ${fmt(hi)}]` : '';
  return { verdict: 'slip', detail: `${fmt(exact)} -> ${r.toFixed(d)} but printed ${p.toFixed(d)}${trunc}${rng}` };
}

function ratio(numer, denom, printed, inputsRounded) {
  const a = num(numer), b = num(denom);
  if (b.isZero()) return { verdict: 'not-checkable', detail: 'zero denominator' };
  const exact = a.div(b).mul(HUNDRED);
  const ua = halfUnit(numer), ub = halfUnit(denom);
  const lo = a.minus(ua).div(b.plus(ub)).mul(HUNDRED);
  const hi = a.plus(ua).div(b.minus(ub)).mul(HUNDRED);
  return comparePct(exact, printed, lo, hi, inputsRounded);
}

function changeCheck(c) {
  const cur = num(c.current);
  const parts = [];
  let change, prev, lo, hi;
  const up = c.dir !== 'down';
  if (c.previous !== undefined) {
    prev = num(c.previous);
    change = cur.minus(prev);
    const uc = halfUnit(c.current), up_ = halfUnit(c.previous);
    // rate = cur/prev - 1, increasing in cur, decreasing in prev
    lo = cur.minus(uc).div(prev.plus(up_)).minus(1).mul(HUNDRED);
    hi = cur.plus(uc).div(prev.minus(up_)).minus(1).mul(HUNDRED);
    if (c.printedChange !== undefined) {
      const pc = num(c.printedChange);
      const signed = up ? pc : pc.neg();
      const diff = change.minus(signed).abs();
      const allow = halfUnit(c.current).plus(halfUnit(c.previous)).plus(halfUnit(c.printedChange));
      const v = diff.isZero() ? 'holds' : diff.lte(allow) ? 'rounding' : 'slip';
      parts.push({ verdict: v, detail: `change ${fmt(change)} vs printed ${up ? '+' : '-'}${fmt(pc)}` });
    }
  } else {
    const ch = num(c.change);
    change = up ? ch : ch.neg();
    prev = cur.minus(change);
    const uc = halfUnit(c.current), uch = halfUnit(c.change);
    // |rate| = ch / (cur ∓ ch)
    if (up) {
      // ch/(cur-ch): increasing in ch, decreasing in cur
      lo = ch.minus(uch).div(cur.plus(uc).minus(ch.minus(uch))).mul(HUNDRED);
      hi = ch.plus(uch).div(cur.minus(uc).minus(ch.plus(uch))).mul(HUNDRED);
    } else {
      // ch/(cur+ch): increasing in ch, decreasing in cur
      lo = ch.minus(uch).div(cur.plus(uc).plus(ch.minus(uch))).mul(HUNDRED);
      hi = ch.plus(uch).div(cur.minus(uc).plus(ch.plus(uch))).mul(HUNDRED);
    }
  }
  if (c.printedRate !== undefined) {
    if (prev.isZero()) {
      parts.push({ verdict: 'not-checkable', detail: 'previous is zero' });
    } else {
      const exact = change.abs().div(prev.abs()).mul(HUNDRED);
      const r = comparePct(exact, c.printedRate, lo && lo.abs(), hi && hi.abs(), c.inputsRounded);
      parts.push({ verdict: r.verdict, detail: `previous ${fmt(prev)}; rate ${r.detail}` });
    }
  }
  const order = ['slip', 'not-checkable', 'rounding', 'holds'];
  let verdict = 'holds';
  for (const o of order) if (parts.some((p) => p.verdict === o)) { verdict = o; break; }
  return { verdict, detail: parts.map((p) => p.detail).join('; ') };
}

function run(check) {
  switch (check.op) {
    case 'sum':
      return sumCheck(check.total, check.parts, check.exact);
    case 'balance': {
      const l = check.left.reduce((a, p) => a.plus(num(p)), new Decimal(0));
      const r = check.right.reduce((a, p) => a.plus(num(p)), new Decimal(0));
      const diff = l.minus(r).abs();
      const allow = [...check.left, ...check.right].reduce((a, p) => a.plus(halfUnit(p)), new Decimal(0));
      return { verdict: diff.isZero() ? 'holds' : diff.lte(allow) ? 'rounding' : 'slip', detail: `left ${fmt(l)} vs right ${fmt(r)}` };
    }
    case 'equal': {
      const a = num(check.a), b = num(check.b);
      const diff = a.minus(b).abs();
      const allow = halfUnit(check.a).plus(halfUnit(check.b));
      return { verdict: diff.isZero() ? 'holds' : diff.lte(allow) ? 'rounding' : 'slip', detail: `${fmt(a)} vs ${fmt(b)}` };
    }
    case 'share':
      return ratio(check.part, check.total, check.printed, check.inputsRounded);
    case 'rate':
      return ratio(check.numerator, check.denominator, check.printed, check.inputsRounded);
    case 'change':
      return changeCheck(check);
    case 'diff': {
      const v = num(check.a).minus(num(check.b));
      const p = num(check.printed);
      if (v.toDecimalPlaces(decs(check.printed), Decimal.ROUND_HALF_UP).eq(p)) return { verdict: 'holds', detail: `${fmt(v)} -> ${p.toFixed(decs(check.printed))}` };
      const diff = v.minus(p).abs();
      const allow = halfUnit(check.a).plus(halfUnit(check.b)).plus(halfUnit(check.printed));
      return { verdict: diff.lte(allow) ? 'rounding' : 'slip', detail: `${fmt(v)} vs printed ${fmt(p)} (allowance ${fmt(allow)})` };
    }
    case 'cagr': {
      // compound annual growth: (end/start)^(1/years) - 1
      const a = num(check.start), b = num(check.end), n = new Decimal(check.years);
      const exact = b.div(a).pow(new Decimal(1).div(n)).minus(1).mul(HUNDRED);
      const ua = halfUnit(check.start), ub = halfUnit(check.end);
      const lo = b.minus(ub).div(a.plus(ua)).pow(new Decimal(1).div(n)).minus(1).mul(HUNDRED);
      const hi = b.plus(ub).div(a.minus(ua)).pow(new Decimal(1).div(n)).minus(1).mul(HUNDRED);
      return comparePct(exact, check.printed, lo, hi, check.inputsRounded);
    }
    case 'count': {
      const n = Array.isArray(check.listed) ? check.listed.length : Number(check.listed);
      return { verdict: Number(check.stated) === n ? 'holds' : 'slip', detail: `stated ${check.stated}, listed ${n}` };
    }
    default:
      return { verdict: 'unknown-op', detail: check.op };
  }
}

function main() {
  const verbose = process.argv.includes('--verbose');
  const dir = path.join(__dirname, 'corpus');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  let nChecks = 0, nAgree = 0, nStatements = 0, nSlips = 0, nSpanErr = 0;
  const bad = [];
  for (const f of files) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    for (const [i, st] of doc.statements.entries()) {
      nStatements++;
      if (st.verdict === 'slip') nSlips++;
      if (!doc.text.includes(st.span)) { nSpanErr++; bad.push(`${f}#${i}: span not in text: ${st.span}`); }
      if (!st.check) continue;
      nChecks++;
      const r = run(st.check);
      const ok = r.verdict === st.verdict;
      if (ok) nAgree++; else bad.push(`${f}#${i} [${st.type}] annotated=${st.verdict} computed=${r.verdict} :: ${r.detail} :: ${st.span}`);
      if (verbose) console.log(`${ok ? 'ok  ' : 'DIFF'} ${f}#${i} ${st.type.padEnd(10)} mine=${st.verdict.padEnd(13)} computed=${r.verdict.padEnd(13)} ${r.detail}`);
    }
  }
  console.log(`${files.length} files, ${nStatements} statements (${nSlips} slips), ${nChecks} mechanical checks, ${nAgree} agree, ${nSpanErr} span errors`);
  for (const b of bad) console.log('  ' + b);
  process.exit(bad.length ? 1 : 0);
}

if (require.main === module) main();
module.exports = { run };
