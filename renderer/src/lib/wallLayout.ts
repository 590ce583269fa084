/**
 * Wall mode's grid: how many columns and how large a type for n tiles to fill a screen. A tile holds
 * three lines (level, name, first reason) and about 11 characters of width per em, so the type is
 * the largest that both the tile's width and its height allow; the column count is the one that
 * makes it largest. Pure: unit-tested, and the e2e measures what it produces at 3840x2160.
 */
export interface WallLayout {
  cols: number;
  rows: number;
  /** Tile height in px. */
  rowPx: number;
  /** Type size of the tile's text in px (never under 12). */
  fontPx: number;
}

/** Width of a tile in ems of its type (a server name of ~14 characters fits). */
const EMS_WIDE = 11;
/** Height of a tile in ems: three lines and padding. */
const EMS_HIGH = 4.6;
const MIN_FONT = 12;
const MAX_FONT = 72;

export function wallLayout(n: number, width: number, height: number, gapPx = 8): WallLayout {
  const count = Math.max(1, n);
  let best: WallLayout = { cols: 1, rows: count, rowPx: 0, fontPx: 0 };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const w = (width - gapPx * (cols - 1)) / cols;
    const h = (height - gapPx * (rows - 1)) / rows;
    if (w <= 0 || h <= 0) break;
    const font = Math.min(w / EMS_WIDE, h / EMS_HIGH, MAX_FONT);
    if (font > best.fontPx) best = { cols, rows, rowPx: Math.floor(h), fontPx: font };
  }
  return { ...best, fontPx: Math.max(MIN_FONT, Math.floor(best.fontPx)) };
}
