// Editing parts of a finished Office file (.docx/.xlsx) after its library wrote it, with fflate,
// the project's one zip library. Entries keep their order ([Content_Types].xml first); only the
// edited parts change.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

export type PartEdit = (xml: string) => string;

/**
 * Applies `edits` (part path → edit of its XML). A missing part is an error, and so is an edit
 * that changes nothing unless `mayBeUnchanged` (the edit only applies to some files).
 */
export function patchZipParts(bytes: Uint8Array, edits: Record<string, PartEdit>, what: string, mayBeUnchanged = false): Uint8Array {
  const entries = unzipSync(bytes);
  for (const [path, edit] of Object.entries(edits)) {
    const part = entries[path];
    if (!part) throw new Error(`${what}: ${path} がありません`);
    const before = strFromU8(part);
    const after = edit(before);
    if (after === before && !mayBeUnchanged) throw new Error(`${what}: ${path} を変更できませんでした`);
    entries[path] = strToU8(after);
  }
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) out[name] = [data, { level: 6 }];
  return zipSync(out);
}

/** A zip of text files under one folder (UTF-8). */
export function zipTextFiles(folder: string, files: Iterable<[string, string]>): Uint8Array {
  const out: Zippable = {};
  for (const [name, content] of files) out[`${folder}/${name}`] = [strToU8(content), { level: 6 }];
  return zipSync(out);
}
