// Reading and writing zip files in tests (.docx/.xlsx read back, a .docx made to be refused) with
// fflate, the one zip library of the project.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export interface ZipContents {
  /** Entry names in the archive's order. */
  names: string[];
  bytes(name: string): Uint8Array;
  text(name: string): string;
}

export function readZip(data: Uint8Array): ZipContents {
  const entries = unzipSync(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const bytes = (name: string): Uint8Array => {
    const b = entries[name];
    if (!b) throw new Error(`${name} is not in the zip (it has ${Object.keys(entries).join(', ')})`);
    return b;
  };
  return { names: Object.keys(entries), bytes, text: (name) => strFromU8(bytes(name)) };
}

export function makeZip(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, v]) => [name, typeof v === 'string' ? strToU8(v) : v])));
}
