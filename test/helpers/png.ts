// Pages of a PDF as greyscale pixels (pdftoppm -gray writes PGM, read here without a library),
// for checks a reader makes by eye: is the table closed at the page foot, is anything clipped.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';

export interface Gray {
  width: number;
  height: number;
  /** 0 = black, 255 = white. */
  px: Uint8Array;
}

function readPgm(buf: Buffer): Gray {
  // P5\n<w> <h>\n<max>\n<bytes>
  let at = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[at]!))) at++;
    let s = '';
    while (!/\s/.test(String.fromCharCode(buf[at]!))) s += String.fromCharCode(buf[at++]!);
    fields.push(s);
  }
  at++;
  const [, w, h] = fields.map(Number) as [number, number, number, number];
  return { width: w, height: h, px: new Uint8Array(buf.buffer, buf.byteOffset + at, w * h) };
}

/** Every page at `dpi`, in order. */
export function pdfPages(pdf: Uint8Array, dpi = 72): Gray[] {
  const dir = tempDir('xpw-png-');
  const file = join(dir, 'in.pdf');
  writeFileSync(file, pdf);
  execFileSync('/usr/bin/pdftoppm', ['-gray', '-r', String(dpi), file, join(dir, 'p')]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pgm'))
    .sort()
    .map((f) => readPgm(readFileSync(join(dir, f))));
}

const dark = (g: Gray, x: number, y: number) => g.px[y * g.width + x]! < 128;

/**
 * Whether the table drawn on the page is closed at its foot: the lowest point of its left border
 * has a horizontal rule under it spanning most of the table. Returns null when the page has no
 * table edge (a long vertical line) at all.
 */
export function tableClosedAtFoot(g: Gray): boolean | null {
  // The left border: the column in the left third with the longest run of dark pixels.
  let best = { x: -1, top: 0, bottom: 0, len: 0 };
  for (let x = 0; x < g.width / 3; x++) {
    let run = 0;
    for (let y = 0; y < g.height; y++) {
      run = dark(g, x, y) ? run + 1 : 0;
      if (run > best.len) best = { x, top: y - run + 1, bottom: y, len: run };
    }
  }
  if (best.len < g.height / 8) return null;
  // A rule at the foot: a dark run from the border rightwards over at least half the page width.
  for (let y = best.bottom - 2; y <= Math.min(g.height - 1, best.bottom + 1); y++) {
    let run = 0;
    for (let x = best.x; x < g.width && dark(g, x, y); x++) run++;
    if (run > g.width / 2) return true;
  }
  return false;
}

/** Dark pixels in the outer `mm` of the page's sides (content running into the margin or off the page). */
export function inkInSideMargins(g: Gray, dpi: number, mm: number): number {
  const edge = Math.round((mm / 25.4) * dpi);
  let n = 0;
  for (let y = 0; y < g.height; y++) for (const x of [...Array(edge).keys(), ...Array.from({ length: edge }, (_, i) => g.width - 1 - i)]) if (dark(g, x, y)) n++;
  return n;
}
