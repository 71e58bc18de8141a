// The keys that tie a returned workbook to its inquiry, its 局区 and its issues. Each is signed
// with the inquiry's secret (HMAC-SHA-256; the secret never leaves the database), so a key typed
// or pasted by hand, a row copied from another bureau's form, or an edited key sheet is
// recognised — the workbook's sheet protection only prevents accidents.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** 20 hex digits (80 bits) per row: short enough for a cell, far too many to guess. */
const ROW_MAC_LENGTH = 20;

export const newInquiryUid = (): string => randomUUID();
export const newSecret = (): string => randomBytes(32).toString('base64');

function hmac(secret: string, parts: readonly (string | number)[]): string {
  // An empty key (an inquiry read from a snapshot) would let anyone compute the signatures.
  if (!secret) throw new Error('inquiry secret missing');
  return createHmac('sha256', secret).update(parts.join('\n'), 'utf8').digest('hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface KeySheetContent {
  format: number;
  inquiryUid: string;
  organizationId: number;
  organization: string;
  generatedAt: string;
}

export const signKeySheet = (secret: string, k: KeySheetContent): string =>
  hmac(secret, ['sheet', k.format, k.inquiryUid, k.organizationId, k.organization, k.generatedAt]);

export const verifyKeySheet = (secret: string, k: KeySheetContent, signature: string): boolean =>
  sameText(signKeySheet(secret, k), signature.trim().toLowerCase());

/** The organization is part of the MAC, so a row copied into another bureau's form is caught. */
const rowMac = (secret: string, inquiryUid: string, organizationId: number, issueUid: string): string =>
  hmac(secret, ['row', inquiryUid, organizationId, issueUid]).slice(0, ROW_MAC_LENGTH);

/** `inquiryUid.issueUid.mac` */
export const rowKey = (secret: string, inquiryUid: string, organizationId: number, issueUid: string): string =>
  `${inquiryUid}.${issueUid}.${rowMac(secret, inquiryUid, organizationId, issueUid)}`;

export interface ParsedRowKey {
  inquiryUid: string;
  issueUid: string;
  mac: string;
}

export function parseRowKey(text: string): ParsedRowKey | null {
  const m = /^([0-9a-f-]{36})\.([0-9a-f-]{36})\.([0-9a-f]+)$/i.exec(text.trim());
  return m ? { inquiryUid: m[1]!.toLowerCase(), issueUid: m[2]!.toLowerCase(), mac: m[3]!.toLowerCase() } : null;
}

export const verifyRowKey = (secret: string, key: ParsedRowKey, organizationId: number): boolean =>
  sameText(rowMac(secret, key.inquiryUid, organizationId, key.issueUid), key.mac);
