#!/usr/bin/env node
// Generates the app, tray and badge icons in resources/ (no dependencies: PNG and ICO written with
// node:zlib).   node scripts/make-icons.mjs
// Each tray level has its own shape, not only its own colour (colour-blind operators, and macOS
// template images, which are drawn in one colour by the system):
//   ok = disc with a check, warning = triangle with "!", critical = octagon with "x",
//   blind = hollow grey ring with a dash (servers not reporting), maintenance = square with a pause
//   mark, disabled = ring with a slash.
// Per platform (what each tray host expects):
//   darwin  tray/darwin/tray-<level>Template.png 16 px + @2x 32 px (black + alpha; the Template
//           suffix makes macOS recolour them for light and dark menu bars)
//   win32   tray/win32/tray-<level>.ico with 16, 24 and 32 px images
//   linux   tray/linux/tray-<level>.png 22 px + @2x 44 px, tray-<level>-24.png 24 px + @2x 48 px
//   badge   badge/overlay-alert.png 16 px + @2x (Windows taskbar overlay)
//   app     icon.png 512 px, icon-256.png, icon.ico (16..256) for the Windows installer
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');
const SUPERSAMPLE = 4;

// ---- PNG encoding -------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// ---- Shapes in unit coordinates (0..1), as inside-tests -------------------------------------
const disc = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, r1, r2) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d >= r1 && d <= r2;
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
function segment(ax, ay, bx, by, w) {
  return (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= w / 2;
  };
}
function triangle(ax, ay, bx, by, cx, cy) {
  const side = (px, py, qx, qy, x, y) => (qx - px) * (y - py) - (qy - py) * (x - px);
  return (x, y) => {
    const s1 = side(ax, ay, bx, by, x, y);
    const s2 = side(bx, by, cx, cy, x, y);
    const s3 = side(cx, cy, ax, ay, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}
const octagon = (cx, cy, r) => (x, y) => {
  const dx = Math.abs(x - cx);
  const dy = Math.abs(y - cy);
  return dx <= r && dy <= r && (dx + dy) / Math.SQRT2 <= r;
};
function shield(x, y) {
  const half = 0.34;
  if (y < 0.1 || y > 0.92) return false;
  const top = 0.1 + 0.04 * (1 - ((x - 0.5) / half) ** 2); // gentle dip at the top edge
  if (y < 0.55) return Math.abs(x - 0.5) <= half && y >= top;
  const t = (y - 0.55) / 0.37;
  return Math.abs(x - 0.5) <= half * (1 - t ** 1.7);
}
const any =
  (...fs) =>
  (x, y) =>
    fs.some((f) => f(x, y));

// ---- Rasteriser: layers painted in order, supersampled for smooth edges ----------------------
function render(size, layers) {
  const out = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          let c = null;
          for (const [inside, colour] of layers) if (inside(x, y)) c = colour;
          if (c) {
            r += c[0] * c[3];
            g += c[1] * c[3];
            b += c[2] * c[3];
            a += c[3];
          }
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
        out[i + 3] = Math.round((a / (n * n)) * 255);
      }
    }
  }
  return encodePng(size, out);
}

const WHITE = [255, 255, 255, 1];
const DARK = [33, 37, 41, 1];
const GREY = [134, 142, 150, 1];
const CLEAR = [0, 0, 0, 0];
const TRAY = {
  ok: [
    [disc(0.5, 0.5, 0.44), [47, 158, 68, 1]],
    [any(segment(0.29, 0.52, 0.44, 0.67, 0.12), segment(0.44, 0.67, 0.72, 0.36, 0.12)), WHITE],
  ],
  warning: [
    [triangle(0.5, 0.05, 0.96, 0.9, 0.04, 0.9), [245, 159, 0, 1]],
    [any(rect(0.45, 0.33, 0.55, 0.65), disc(0.5, 0.76, 0.06)), DARK],
  ],
  critical: [
    [octagon(0.5, 0.5, 0.45), [224, 49, 49, 1]],
    [any(segment(0.32, 0.32, 0.68, 0.68, 0.13), segment(0.68, 0.32, 0.32, 0.68, 0.13)), WHITE],
  ],
  blind: [
    [ring(0.5, 0.5, 0.3, 0.44), GREY],
    [rect(0.34, 0.45, 0.66, 0.55), GREY],
  ],
  maintenance: [
    [rect(0.08, 0.08, 0.92, 0.92), [25, 113, 194, 1]],
    [any(rect(0.33, 0.28, 0.44, 0.72), rect(0.56, 0.28, 0.67, 0.72)), WHITE],
  ],
  disabled: [
    [ring(0.5, 0.5, 0.32, 0.44), GREY],
    [segment(0.22, 0.78, 0.78, 0.22, 0.12), GREY],
  ],
};

/** The same shapes for macOS: every painted pixel black, inner marks cut out (a template image). */
const template = (layers) => layers.map(([inside, colour], i) => [inside, i === 0 || colour === GREY ? [0, 0, 0, 1] : CLEAR]);

/** Windows overlay badge: a red disc with "!" (the count itself is in the overlay's description). */
const BADGE = [
  [disc(0.5, 0.5, 0.48), [224, 49, 49, 1]],
  [any(rect(0.44, 0.2, 0.56, 0.6), disc(0.5, 0.76, 0.07)), WHITE],
];

/** An ICO holding PNG images (Windows Vista and later read PNG entries). */
function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + 16 * pngs.length;
  for (const { size, png } of pngs) {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size; // 0 means 256
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.png)]);
}
const ico = (sizes, layers) => encodeIco(sizes.map((size) => ({ size, png: render(size, layers) })));

const APP = [
  [shield, [25, 113, 194, 1]],
  [(x, y) => shield(x, y) && !shield(0.5 + (x - 0.5) / 0.86, 0.1 + (y - 0.1) / 0.9), [208, 235, 255, 1]],
  [any(segment(0.5, 0.3, 0.34, 0.58, 0.035), segment(0.5, 0.3, 0.66, 0.58, 0.035), segment(0.34, 0.58, 0.66, 0.58, 0.035)), WHITE],
  [any(disc(0.5, 0.3, 0.075), disc(0.34, 0.58, 0.075), disc(0.66, 0.58, 0.075)), WHITE],
];

function write(name, png) {
  const path = join(OUT, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
  process.stdout.write(`wrote ${path} (${png.length} bytes)\n`);
}

write('icon.png', render(512, APP));
write('icon-256.png', render(256, APP));
write('icon.ico', ico([16, 24, 32, 48, 64, 128, 256], APP));
for (const [level, layers] of Object.entries(TRAY)) {
  write(`tray/darwin/tray-${level}Template.png`, render(16, template(layers)));
  write(`tray/darwin/tray-${level}Template@2x.png`, render(32, template(layers)));
  write(`tray/win32/tray-${level}.ico`, ico([16, 24, 32], layers));
  write(`tray/linux/tray-${level}.png`, render(22, layers));
  write(`tray/linux/tray-${level}@2x.png`, render(44, layers));
  write(`tray/linux/tray-${level}-24.png`, render(24, layers));
  write(`tray/linux/tray-${level}-24@2x.png`, render(48, layers));
}
write('badge/overlay-alert.png', render(16, BADGE));
write('badge/overlay-alert@2x.png', render(32, BADGE));
