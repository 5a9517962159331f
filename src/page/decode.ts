// Charset decoding of fetched or stored pages (domain.md §13): BOM → HTTP charset → <meta charset>
// or http-equiv in the first 1,024 bytes → detection (jschardet) → UTF-8.
// Every GB label (gb2312, gbk, x-gbk, gb18030, cp936) is read with the GB18030 decoder: Node's
// 'gbk' decoder turns four-byte GB18030 sequences into U+FFFD, and GB18030 is a superset.
import jschardet from "jschardet";

export type DecodedBody = { text: string; charset: string; confident: boolean };

const labelAliases: Record<string, string> = {
  utf8: "utf-8",
  "utf-8": "utf-8",
  "unicode-1-1-utf-8": "utf-8",
  gb2312: "gb18030",
  gbk: "gb18030",
  "x-gbk": "gb18030",
  gb18030: "gb18030",
  cp936: "gb18030",
  "windows-936": "gb18030",
  csgb2312: "gb18030",
  "iso-ir-58": "gb18030",
  chinese: "gb18030",
  hz: "gb18030",
  big5: "big5",
  "big5-hkscs": "big5",
  "x-x-big5": "big5",
  cp950: "big5",
  "cn-big5": "big5",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
  "utf-16": "utf-16le",
  ascii: "windows-1252",
  "us-ascii": "windows-1252",
  "iso-8859-1": "windows-1252",
  latin1: "windows-1252",
  "windows-1252": "windows-1252",
};

/** The decoder name for a charset label, or null when unknown or unsupported. */
export function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const key = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, "");
  const alias = labelAliases[key];
  if (alias) return alias;
  try {
    return new TextDecoder(key).encoding;
  } catch {
    return null;
  }
}

function fromBom(bytes: Uint8Array): { charset: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: "utf-8", skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: "utf-16le", skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: "utf-16be", skip: 2 };
  return null;
}

/** charset= parameter of a Content-Type header. */
export function charsetFromContentType(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(header);
  return m ? m[1]! : null;
}

/** <meta charset="…"> or <meta http-equiv="Content-Type" content="…; charset=…"> in the first 1 KiB. */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct) return direct[1]!;
  }
  return null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function detect(bytes: Uint8Array): string | null {
  const sample = Buffer.from(bytes.subarray(0, 64 * 1024)).toString("latin1");
  const guess = jschardet.detect(sample, { minimumThreshold: 0.2 });
  return guess.encoding ? canonicalCharset(guess.encoding) : null;
}

function decodeAs(bytes: Uint8Array, charset: string): string {
  return new TextDecoder(charset).decode(bytes);
}

/**
 * Decodes a page body. `confident` is false when the charset came from detection or a declared
 * charset was overruled because the bytes were not valid in it.
 */
export function decodeBody(bytes: Uint8Array, contentTypeHeader?: string | null): DecodedBody {
  const bom = fromBom(bytes);
  if (bom)
    return { text: decodeAs(bytes.subarray(bom.skip), bom.charset), charset: bom.charset, confident: true };

  const declared =
    canonicalCharset(charsetFromContentType(contentTypeHeader)) ?? canonicalCharset(charsetFromMeta(bytes));
  // A page declared UTF-8 whose bytes are not UTF-8 is a common mislabel (GBK templates that
  // kept a UTF-8 meta tag): fall through to detection rather than print U+FFFD everywhere.
  if (declared && (declared !== "utf-8" || isValidUtf8(bytes))) {
    return { text: decodeAs(bytes, declared), charset: declared, confident: true };
  }
  if (isValidUtf8(bytes)) return { text: decodeAs(bytes, "utf-8"), charset: "utf-8", confident: !declared };
  const detected = detect(bytes);
  if (detected && detected !== "utf-8") {
    return { text: decodeAs(bytes, detected), charset: detected, confident: false };
  }
  return { text: decodeAs(bytes, "utf-8"), charset: "utf-8", confident: false };
}

/**
 * True when the bytes are not text: NUL bytes or many control characters in the first 8 KiB
 * (images, archives, PDFs). UTF-16 text with a BOM is text.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (fromBom(bytes)) return false;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.02;
}
