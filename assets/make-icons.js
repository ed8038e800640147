#!/usr/bin/env node
// Draws the add-in icons (16/32/64/80/128 px PNG) with plain zlib: a blue ledger sheet with a white tick.
// Run: node assets/make-icons.js   (the PNGs are committed; rerun only to change the design)
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function crc32(buf) {
  let c;
  const table = crc32.table || (crc32.table = Array.from({ length: 256 }, (_, n) => {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  }));
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0; // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shape in unit coordinates (0..1): returns [r,g,b,a] for a point.
function shade(u, v) {
  const blue = [15, 108, 189];
  const white = [255, 255, 255];
  const r = 0.16; // corner radius
  const inset = 0.04;
  const x = Math.min(Math.max(u, inset + r), 1 - inset - r);
  const y = Math.min(Math.max(v, inset + r), 1 - inset - r);
  const inside = (u - x) ** 2 + (v - y) ** 2 <= r * r && u >= inset && u <= 1 - inset && v >= inset && v <= 1 - inset;
  if (!inside) return null;
  // Ledger lines across the upper half.
  for (const ly of [0.26, 0.42]) if (Math.abs(v - ly) < 0.045 && u > 0.2 && u < 0.8) return white;
  // Tick: two strokes.
  const dist = (px, py, ax, ay, bx, by) => {
    const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
  };
  if (dist(u, v, 0.3, 0.66, 0.45, 0.8) < 0.06 || dist(u, v, 0.45, 0.8, 0.74, 0.54) < 0.06) return white;
  return blue;
}

function draw(size) {
  const ss = 4; // supersampling for smooth edges
  return png(size, (x, y) => {
    let r = 0, g = 0, b = 0, a = 0;
    for (let i = 0; i < ss; i++) for (let j = 0; j < ss; j++) {
      const c = shade((x + (i + 0.5) / ss) / size, (y + (j + 0.5) / ss) / size);
      if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
    }
    if (a === 0) return [0, 0, 0, 0];
    return [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (ss * ss))];
  });
}

for (const size of [16, 32, 64, 80, 128]) {
  fs.writeFileSync(path.join(__dirname, `icon-${size}.png`), draw(size));
}
console.log('icons written to', __dirname);
