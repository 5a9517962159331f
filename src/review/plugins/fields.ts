// Reading submitted fields the same way whether the form came URL-encoded (strings, arrays for
// repeated fields) or as multipart (objects with a `value`, files with a buffer).

type Part = { value?: unknown; filename?: string; _buf?: Buffer | null; toBuffer?: () => Promise<Buffer> };

function partText(item: unknown): string | undefined {
  if (typeof item === "string") return item;
  const v = (item as Part | null)?.value;
  return typeof v === "string" ? v : undefined;
}

function raw(fields: unknown, name: string): unknown {
  return fields && typeof fields === "object" ? (fields as Record<string, unknown>)[name] : undefined;
}

/** One text value of a form or query field ("" when absent; the first when repeated). */
export function text(fields: unknown, name: string): string {
  const value = raw(fields, name);
  return partText(Array.isArray(value) ? value[0] : value) ?? "";
}

/** Every text value of a repeated field (check boxes). */
export function texts(fields: unknown, name: string): string[] {
  const value = raw(fields, name);
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.map(partText).filter((v): v is string => v !== undefined);
}

/** Positive integer ids from a repeated field; anything else is ignored. */
export function ids(fields: unknown, name: string): number[] {
  return texts(fields, name)
    .filter((v) => /^\d{1,9}$/.test(v))
    .map(Number)
    .filter((n) => n > 0);
}

/** An uploaded file (multipart), or null when the field holds none. */
export async function file(
  fields: unknown,
  name: string,
): Promise<{ filename: string; bytes: Buffer } | null> {
  const part = raw(fields, name) as Part | undefined;
  if (!part || typeof part !== "object" || typeof part.filename !== "string" || !part.toBuffer) return null;
  const bytes = await part.toBuffer();
  return bytes.length > 0 ? { filename: part.filename, bytes } : null;
}
