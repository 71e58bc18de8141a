// Reads the request line's target without anything that can throw. `new URL('//', base)` and
// `decodeURIComponent('%E0')` both throw, and one throw in the request handler used to end the
// preview process; here a target we do not accept is simply `null` (the server answers 400).
const MAX_TARGET = 8_192;

const hasControl = (text: string, alsoSpace: boolean): boolean =>
  [...text].some((c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f || (alsoSpace && code === 0x20);
  });

export interface RequestTarget {
  /** The path as sent (still percent-encoded). */
  pathname: string;
  query: URLSearchParams;
}

/**
 * Only the origin form `/path?query`. Not `//host…` or `/\host…` (which URL parsers read as a
 * host), not the absolute form of proxies, not `*`, not control characters or spaces.
 */
export function parseTarget(raw: string | undefined): RequestTarget | null {
  if (!raw || raw.length > MAX_TARGET) return null;
  if (hasControl(raw, true)) return null;
  const q = raw.indexOf('?');
  const hash = raw.indexOf('#');
  if (hash >= 0) return null;
  const pathname = q < 0 ? raw : raw.slice(0, q);
  if (!/^\/(?![/\\])/.test(pathname)) return null;
  if (pathname.includes('\\')) return null;
  // URLSearchParams never throws: a broken escape in the query stays as typed.
  return { pathname, query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

/** decodeURIComponent that answers null for a broken escape (`/%E0`, `/100%`) instead of throwing. */
export function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** A decoded path segment list fit to name a file under the renderer folder, or null. */
export function decodedFilePath(pathname: string): string | null {
  const decoded = safeDecode(pathname);
  if (decoded === null) return null;
  // NUL or other control characters make fs calls throw; backslashes are separators on Windows.
  if (hasControl(decoded, false) || decoded.includes('\\')) return null;
  return decoded;
}
