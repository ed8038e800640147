#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled from src/node into build/node by `npm run build:node`
// (which `npm ci` runs through the `prepare` script).
const path = require('path');
const fs = require('fs');

const main = path.join(__dirname, '..', 'build', 'node', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write(
    '错误：尚未构建命令行工具，请先在项目根目录运行 `npm ci`（或 `npm run build:node`）。' +
      '（Error: the CLI is not built yet; run `npm ci` (or `npm run build:node`) in the project root first.）\n',
  );
  process.exit(2);
}
require(main)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
