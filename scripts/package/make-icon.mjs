#!/usr/bin/env node
// Draws the app icon (a white X on the secretariat's blue, rounded corners) into
// resources/build/icon.png (256×256, Linux and the About dialog) and icon.ico (Windows; an ICO
// holding PNG images, as Windows Vista and later read them). Run once after a design change
// and commit both files: no image tool is needed on the build machine.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

const out = join(import.meta.dirname, '..', '..', 'resources', 'build');

function png(size) {
  const px = Buffer.alloc(size * (size * 4 + 1));
  const r = size * 0.18; // corner radius
  const stroke = size * 0.085; // half width of the X's strokes
  const margin = size * 0.26;
  for (let y = 0; y < size; y++) {
    px[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const cx = Math.min(Math.max(x + 0.5, r), size - r);
      const cy = Math.min(Math.max(y + 0.5, r), size - r);
      const inside = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= r;
      const u = x + 0.5;
      const v = y + 0.5;
      const inBox = u > margin - stroke && u < size - margin + stroke && v > margin - stroke && v < size - margin + stroke;
      const onX = inBox && (Math.abs(u - v) / Math.SQRT2 < stroke || Math.abs(u + v - size) / Math.SQRT2 < stroke);
      const rgba = !inside ? [0, 0, 0, 0] : onX ? [255, 255, 255, 255] : [31, 78, 121, 255];
      px.set(rgba, y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(px)), chunk('IEND', Buffer.alloc(0))]);
}

function ico(images) {
  const header = Buffer.alloc(6 + images.length * 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + i * 16;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.data)]);
}

const sizes = [16, 24, 32, 48, 64, 128, 256];
const images = sizes.map((size) => ({ size, data: png(size) }));
writeFileSync(join(out, 'icon.png'), images.at(-1).data);
writeFileSync(join(out, 'icon.ico'), ico(images));
console.log(`icon.png, icon.ico → ${out}`);
