#!/usr/bin/env node
/**
 * Rebuilds a corpus table (FORMAT.md) as an .xlsx laid out exactly as printed: one sheet per printed table, every
 * cell where the page had it, merges as seen. A plain printed figure ("34.35", "-12", "0") becomes a number shown
 * with its printed decimals (what a workbook exported from the page holds); anything else ("1,234.56", "-", "—",
 * "131.31万元") stays text, as typed.
 * Usage: node test/real-tables/build-xlsx.js test/real-tables/corpus/<dir>/<file>.json [...] -o <folder>
 *        node test/real-tables/build-xlsx.js <files of one unit> --combine <file.xlsx>   (one workbook, a sheet per table)
 */
'use strict';
const ExcelJS = require('exceljs');

const PLAIN_FIGURE = /^-?\d+(\.\d+)?$/;

function formatFor(text) {
  const dot = text.indexOf('.');
  return dot < 0 ? '0' : '0.' + '0'.repeat(text.length - dot - 1);
}

/** The workbook for one corpus document. */
function buildWorkbook(doc) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'budget-recon corpus';
  for (const sheet of doc.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.grid.forEach((row, r) => {
      row.forEach((text, c) => {
        if (text === null || text === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        const trimmed = String(text).trim();
        if (PLAIN_FIGURE.test(trimmed) && !/^-?0\d/.test(trimmed)) {
          cell.value = Number(trimmed);
          cell.numFmt = formatFor(trimmed);
        } else {
          cell.value = String(text);
        }
      });
    });
    for (const m of sheet.merges ?? []) ws.mergeCells(m);
  }
  return wb;
}

async function buildXlsxBuffer(doc) {
  return Buffer.from(await buildWorkbook(doc).xlsx.writeBuffer());
}

/** The tables of one unit as one workbook, as the unit keeps them: each table a sheet named after its document. */
function combineDocs(docs) {
  const used = new Set();
  const sheets = docs.flatMap((d) =>
    d.sheets.map((s) => {
      let name = s.name.slice(0, 31);
      for (let k = 2; used.has(name); k++) name = `${s.name.slice(0, 28)}(${k})`;
      used.add(name);
      return { ...s, name };
    }),
  );
  return { ...docs[0], sheets };
}

module.exports = { buildWorkbook, buildXlsxBuffer, combineDocs };

if (require.main === module) {
  const fs = require('fs');
  const path = require('path');
  const args = process.argv.slice(2);
  const o = args.indexOf('-o');
  const out = o >= 0 ? args[o + 1] : '.';
  const c = args.indexOf('--combine');
  const flagged = new Set([o, o + 1, c, c + 1].filter((i, k) => (k < 2 ? o : c) >= 0 && i >= 0));
  const files = args.filter((_, i) => !flagged.has(i));
  if (c >= 0) {
    const docs = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
    buildXlsxBuffer(combineDocs(docs))
      .then((buf) => {
        fs.writeFileSync(args[c + 1], buf);
        console.log(args[c + 1]);
      })
      .catch((e) => {
        console.error(String(e && e.message ? e.message : e));
        process.exit(2);
      });
    return;
  }
  fs.mkdirSync(out, { recursive: true });
  (async () => {
    for (const file of files) {
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      const target = path.join(out, `${doc.id}.xlsx`);
      fs.writeFileSync(target, await buildXlsxBuffer(doc));
      console.log(target);
    }
  })().catch((e) => {
    console.error(String(e && e.message ? e.message : e));
    process.exit(2);
  });
}
