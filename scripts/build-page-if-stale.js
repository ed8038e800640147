#!/usr/bin/env node
'use strict';
// `npm run demo` first makes sure the offline page (dist/budget-recon.html) is built from the
// current sources, so the demo can hand it over: built once (about a minute), then only again
// after a source changes. A failed build is reported and the demo goes on without the page.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const page = path.join(ROOT, 'dist', 'budget-recon.html');

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const name of fs.readdirSync(p)) t = Math.max(t, newest(path.join(p, name)));
  return t;
}

const sources = Math.max(newest(path.join(ROOT, 'src')), newest(path.join(ROOT, 'webpack.config.js')), newest(path.join(ROOT, 'package-lock.json')));
const built = fs.existsSync(page) ? fs.statSync(page).mtimeMs : 0;
if (built >= sources) process.exit(0);

process.stdout.write('正在生成离线网页 dist/budget-recon.html（约一分钟，只需一次）… Building the offline page (about a minute, once)…\n');
const webpack = path.join(ROOT, 'node_modules', 'webpack', 'bin', 'webpack.js');
const r = spawnSync(process.execPath, [webpack, '--mode', 'production', '--config-name', 'web'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (r.status !== 0) {
  process.stdout.write(`未能生成离线网页（The offline page could not be built）：${(r.stderr || r.error || '').toString().split('\n').slice(0, 5).join(' ')}\n`);
}
