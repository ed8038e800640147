#!/usr/bin/env node
/**
 * Independent expectations for the real-table corpus: evaluates each annotated identity in plain decimal arithmetic
 * (decimal.js), with the rounding allowance of REFERENCE §3 taken from the printed decimals. It shares no code with
 * the engine on purpose: the corpus test compares the engine against these statuses.
 * Usage: node test/real-tables/arith.js test/real-tables/corpus/<file>.json [...]
 */
'use strict';
const Decimal = require('decimal.js');

/** A printed figure as a Decimal with its printed decimals, or null when the cell is blank or a dash. */
function parsePrinted(text) {
  if (text === null || text === undefined) return null;
  let s = String(text).trim().replace(/[\s\u3000]/g, '');
  if (s === '' || /^[-—–－─]+$/.test(s)) return null;
  s = s.replace(/[０-９．，－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  let negative = false;
  const paren = /^[（(](.*)[)）]$/.exec(s);
  if (paren) { negative = true; s = paren[1]; }
  s = s.replace(/,/g, '').replace(/(万元|元|亿元|%)$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined; // not a figure
  const dot = s.indexOf('.');
  const decimals = dot < 0 ? 0 : s.length - dot - 1;
  const value = new Decimal(s);
  return { value: negative ? value.negated() : value, decimals };
}

function colIndex(letters) {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function cellText(doc, ref) {
  const m = /^(?:(.+)!)?([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`bad cell reference ${ref} in ${doc.id}`);
  const sheet = m[1] ? doc.sheets.find((s) => s.name === m[1]) : doc.sheets[0];
  if (!sheet) throw new Error(`no sheet ${m[1]} in ${doc.id}`);
  const row = sheet.grid[Number(m[3]) - 1];
  return row ? row[colIndex(m[2])] ?? null : null;
}

/** exact | rounding | fails | unchecked (total blank) for one identity. */
function evaluate(doc, identity) {
  const total = parsePrinted(cellText(doc, identity.total));
  if (total === undefined) throw new Error(`${doc.id}: total ${identity.total} is not a figure`);
  if (total === null) return { status: 'unchecked' };
  let sum = new Decimal(0);
  let allowance = new Decimal(0.5).times(new Decimal(10).pow(-total.decimals));
  let counted = 0;
  for (const raw of identity.parts) {
    const negative = raw.startsWith('-');
    const ref = negative ? raw.slice(1) : raw;
    const part = parsePrinted(cellText(doc, ref));
    if (part === undefined) throw new Error(`${doc.id}: part ${ref} is not a figure`);
    if (part === null) continue;
    counted++;
    sum = negative ? sum.minus(part.value) : sum.plus(part.value);
    allowance = allowance.plus(new Decimal(0.5).times(new Decimal(10).pow(-part.decimals)));
  }
  if (counted === 0) return { status: 'unchecked' };
  const difference = total.value.minus(sum);
  const status = difference.isZero() ? 'exact' : difference.abs().lte(allowance) ? 'rounding' : 'fails';
  return { status, total: total.value.toString(), sum: sum.toString(), difference: difference.toString() };
}

module.exports = { parsePrinted, evaluate, cellText };

if (require.main === module) {
  const fs = require('fs');
  for (const file of process.argv.slice(2)) {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    console.log(`${doc.id}`);
    for (const identity of doc.identities) {
      const r = evaluate(doc, identity);
      const tag = identity.reading ? ` [${identity.decision}:${identity.reading}]` : '';
      console.log(`  ${r.status.padEnd(9)} ${identity.total} = ${identity.parts.join(' + ')}  ${r.total ?? ''} vs ${r.sum ?? ''}${tag}  ${identity.what ?? ''}`);
    }
    for (const slip of doc.slips) console.log(`  SLIP ${slip.cell}: ${slip.why}`);
  }
}
