// Draws the extension's icons: a rounded square in a brand colour with a white
// double quotation mark and a tick, at 16, 32, 48 and 128 px.
//   node scripts/make-icons.mjs                          -> assets/icons (the default, committed)
//   node scripts/make-icons.mjs --color '#0b6e4f' --out my-newsroom/icons
// Pure Node (zlib), 4x4 supersampling for smooth edges, no dependencies.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { color: { type: 'string', default: '#1f5fbf' }, out: { type: 'string' } } });
if (!/^#[0-9a-fA-F]{6}$/.test(values.color)) {
  console.error(`make-icons: --color must be #rrggbb (got "${values.color}")`);
  process.exit(2);
}
const BRAND = [1, 3, 5].map((i) => parseInt(values.color.slice(i, i + 2), 16));
const OUT = values.out ? resolve(values.out) : new URL('../assets/icons', import.meta.url).pathname;
const SS = 4;

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
// Shapes in unit coordinates (0..1).
const inRoundRect = (x, y, r = 0.2) => {
  const cx = Math.min(Math.max(x, r), 1 - r), cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const dist = (px, py, ax, ay, bx, by) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
};
// A quotation mark: a dot with a tail.
const quoteMark = (x, y, cx, cy) => Math.hypot(x - cx, y - cy) <= 0.1 || dist(x, y, cx + 0.08, cy - 0.02, cx - 0.02, cy + 0.2) <= 0.045;
const tick = (x, y) => dist(x, y, 0.5, 0.7, 0.6, 0.8) <= 0.055 || dist(x, y, 0.6, 0.8, 0.82, 0.52) <= 0.055;
function draw(size) {
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) for (let px = 0; px < size; px++) {
    let bg = 0, fg = 0;
    for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) {
      const x = (px + (sx + 0.5) / SS) / size, y = (py + (sy + 0.5) / SS) / size;
      if (!inRoundRect(x, y)) continue;
      bg++;
      if (quoteMark(x, y, 0.3, 0.32) || quoteMark(x, y, 0.56, 0.32) || tick(x, y)) fg++;
    }
    const n = SS * SS, i = (py * size + px) * 4;
    const a = bg / n, f = bg ? fg / bg : 0;
    for (let c = 0; c < 3; c++) out[i + c] = Math.round(BRAND[c] * (1 - f) + 255 * f);
    out[i + 3] = Math.round(a * 255);
  }
  return png(size, out);
}
mkdirSync(OUT, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`${OUT}/icon-${size}.png`, draw(size));
console.log(`wrote ${OUT}/icon-{16,32,48,128}.png`);
