// What a test can read from a Chromium PDF without a PDF library: the header and trailer, the page
// count (page objects are plain dictionaries in Skia's output) and the Title in the document
// information dictionary (a UTF-16BE hex string for Chinese text). The text itself is in compressed
// streams; tests assert on the HTML the PDF was rendered from instead.

export type PdfFacts = { pages: number; title: string | null };

function decodePdfString(raw: string): string {
  if (raw.startsWith("<")) {
    const hex = raw.slice(1, -1).replace(/\s+/g, "");
    const bytes = Buffer.from(hex, "hex");
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString("utf16le");
    return bytes.toString("latin1");
  }
  return raw.slice(1, -1).replace(/\\([()\\])/g, "$1");
}

export function pdfFacts(data: Buffer): PdfFacts {
  const text = data.toString("latin1");
  if (!text.startsWith("%PDF-")) throw new Error("not a PDF: no %PDF- header");
  if (!/%%EOF\s*$/.test(text)) throw new Error("not a complete PDF: no %%EOF trailer");
  const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const m = /\/Title\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))/.exec(text);
  return { pages, title: m ? decodePdfString(m[1]!) : null };
}
