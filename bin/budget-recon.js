#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled from src/node into build/node by `npm run build:node`
// (which `npm ci` runs through the `prepare` script).
const path = require('path');
const fs = require('fs');

function fail(zh, en) {
  process.stderr.write(`错误：${zh}（Error: ${en}）\n`);
  process.exit(2);
}

// `budget-recon validate big.xlsx | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e) => {
  if (e && e.code === 'EPIPE') process.exit(process.exitCode || 0);
});

const main = path.join(__dirname, '..', 'build', 'node', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  fail(
    '尚未构建命令行工具，请先在项目根目录运行 `npm ci`（或 `npm run build:node`）。',
    'the CLI is not built yet; run `npm ci` (or `npm run build:node`) in the project root first.',
  );
}
let cli;
try {
  cli = require(main);
} catch (e) {
  fail(
    `命令行工具的构建文件已损坏，请重新运行 \`npm run build:node\`：${e && e.message ? e.message.split('\n')[0] : e}`,
    `the built CLI is damaged; run \`npm run build:node\` again: ${e && e.message ? e.message.split('\n')[0] : e}`,
  );
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
