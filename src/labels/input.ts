// Checks of identifiers typed by staff before any rule is applied: a malformed value is an
// InputError (exit 2) naming the option, never a refusal.
import { InputError } from "../errors.ts";
import { describeUsccProblem, normaliseDomain, usccProblem } from "../identity/index.ts";
import { normaliseSerial } from "./serial.ts";

export function usccInput(text: string): string {
  const uscc = text.trim().toUpperCase();
  const problem = usccProblem(uscc);
  if (problem) {
    throw new InputError(
      `--uscc: ${describeUsccProblem(uscc, problem)}`,
      `--uscc：统一社会信用代码“${uscc}”无效`,
    );
  }
  return uscc;
}

/** Normalised, de-duplicated, sorted domains; at least one. */
export function domainsInput(texts: string[]): string[] {
  if (texts.length === 0) {
    throw new InputError("--domain: at least one domain is required", "--domain：至少需要一个网站域名");
  }
  const domains = texts.map((text) => {
    const result = normaliseDomain(text);
    if (!result.ok) throw new InputError(`--domain: ${result.reason}`, `--domain：“${text}”不是有效的域名`);
    return result.domain;
  });
  return [...new Set(domains)].sort();
}

export function serialInput(text: string): string {
  const serial = normaliseSerial(text);
  if (!serial) {
    throw new InputError(
      `serial "${text}" is not a Red Shield serial (HD-YYYY-XXXX-XXXX-XXXX with a valid check character)`,
      `“${text}”不是有效的红盾电子标识编号`,
    );
  }
  return serial;
}
