// Checks for single cells of the register. Each returns the stored value or the reason it is wrong;
// reasons are complete sentences that can follow "column NAME:" in a report.
import { describeUsccProblem, formatIcp, normaliseDomain, parseIcp, usccProblem } from "../identity/index.ts";
import {
  describeEntityKinds,
  describeRegistrationStatuses,
  type EntityKind,
  parseEntityKind,
  parseRegistrationStatus,
  type RegistrationStatus,
} from "./states.ts";

export type Checked<T> = { ok: true; value: T } | { ok: false; reasons: string[] };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(...reasons: string[]): Checked<T> => ({ ok: false, reasons });

export const maxTextLength = 500;

export function checkUscc(text: string): Checked<string> {
  const code = text.normalize("NFKC").trim().toUpperCase();
  if (!code) return bad("USCC is empty");
  const problem = usccProblem(code);
  return problem ? bad(describeUsccProblem(code, problem)) : ok(code);
}

/** Trimmed, with CRLF and CR line breaks as LF: XLSX cannot keep a CR, so the register never holds one. */
function cleanText(text: string): string {
  return text.trim().replace(/\r\n?/g, "\n");
}

export function checkName(text: string): Checked<string> {
  const name = cleanText(text);
  if (!name) return bad("name is empty");
  if (name.length > maxTextLength) return bad(`name is longer than ${maxTextLength} characters`);
  return ok(name);
}

export function checkText(text: string, what: string): Checked<string> {
  const value = cleanText(text);
  return value.length > maxTextLength ? bad(`${what} is longer than ${maxTextLength} characters`) : ok(value);
}

export function checkKind(text: string): Checked<EntityKind> {
  const kind = parseEntityKind(text);
  if (kind) return ok(kind);
  const shown = text.trim() ? `"${text.trim()}" is not a known kind` : "kind is empty";
  return bad(`${shown}; allowed: ${describeEntityKinds()}`);
}

export function checkStatus(text: string): Checked<RegistrationStatus> {
  const status = parseRegistrationStatus(text);
  if (status) return ok(status);
  const shown = text.trim() ? `"${text.trim()}" is not a known registration status` : "status is empty";
  return bad(`${shown}; allowed: ${describeRegistrationStatuses()}`);
}

/** Several domains separated by ";" or "；"; each normalised, repeats dropped. */
export function checkDomains(text: string): Checked<string[]> {
  const domains: string[] = [];
  const reasons: string[] = [];
  for (const part of text.split(/[;；]/)) {
    if (!part.trim()) continue;
    const r = normaliseDomain(part);
    if (!r.ok) reasons.push(`invalid domain: ${r.reason}`);
    else if (!domains.includes(r.domain)) domains.push(r.domain);
  }
  return reasons.length > 0 ? bad(...reasons) : ok(domains);
}

export function checkIcp(text: string): Checked<string> {
  if (!text.trim()) return ok("");
  const icp = parseIcp(text);
  if (icp) return ok(formatIcp(icp));
  return bad(
    `"${text.trim()}" is not an ICP number; expected the form 粤ICP备12345678号, 粤ICP备12345678号-1 or 粤ICP证123456号`,
  );
}

/** YYYY-MM-DD, a real calendar date not in the future; empty means unknown. */
export function checkDate(text: string, today = new Date()): Checked<string | null> {
  const t = text.trim();
  if (!t) return ok(null);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== t)
    return bad(`"${t}" is not a date in the form YYYY-MM-DD`);
  if (date.getTime() > today.getTime()) return bad(`"${t}" is in the future`);
  return ok(t);
}
