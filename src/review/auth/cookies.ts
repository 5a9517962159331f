// Reading and writing the two cookies the UI uses (session, login form token). Every cookie is
// HttpOnly and SameSite=Strict; Secure when the public URL is https.

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

export type CookieOptions = { secure: boolean; maxAgeSecs?: number; path?: string };

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? "/"}`,
    "HttpOnly",
    "SameSite=Strict",
  ];
  if (options.maxAgeSecs !== undefined) parts.push(`Max-Age=${options.maxAgeSecs}`);
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearCookie(name: string, options: CookieOptions): string {
  return serializeCookie(name, "", { ...options, maxAgeSecs: 0 });
}
