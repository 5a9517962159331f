// Register CSV files arrive in UTF-8 (with or without BOM) from newer systems and in GBK from the
// older registration system's exports. Valid UTF-8 is taken as UTF-8 (GBK text of any length is
// almost never valid UTF-8); otherwise the bytes must decode as GB18030, the superset of GBK.
// Anything else (UTF-16, binary) is refused, naming the line where the text stops making sense.

export type DecodedText = { text: string; encoding: "utf-8" | "gb18030" };

export class EncodingError extends Error {}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const gb18030 = new TextDecoder("gb18030", { fatal: true });
const gb18030Lenient = new TextDecoder("gb18030");

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function tryDecode(decoder: TextDecoder, bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

// NUL and other C0 controls never occur in a register; they mean UTF-16 without a BOM or binary.
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function refuseControls(text: string): void {
  const m = controlCharacter.exec(text);
  if (!m) return;
  const hex = m[0].charCodeAt(0).toString(16).padStart(2, "0");
  const hint = m[0] === "\u0000" ? " (UTF-16 text or a binary file?)" : "";
  throw new EncodingError(
    `line ${lineAt(text, m.index)}: control character 0x${hex} in the text${hint}; save the register as CSV in UTF-8 or GBK`,
  );
}

export function decodeRegisterText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new EncodingError("the file is UTF-16 text; save the register as CSV in UTF-8 or GBK");
  }
  const asUtf8 = tryDecode(utf8, bytes);
  if (asUtf8 !== null) {
    refuseControls(asUtf8);
    return { text: asUtf8, encoding: "utf-8" };
  }
  const asGb = tryDecode(gb18030, bytes);
  if (asGb !== null) {
    refuseControls(asGb);
    return { text: asGb, encoding: "gb18030" };
  }
  const lenient = gb18030Lenient.decode(bytes);
  const bad = lenient.indexOf("\ufffd");
  throw new EncodingError(
    `line ${lineAt(lenient, Math.max(bad, 0))}: the file is neither UTF-8 nor GBK text; save the register as CSV in UTF-8 or GBK`,
  );
}
