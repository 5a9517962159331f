// The identity a page claims (domain.md §1–§3): company name, USCC with its check character
// verified, legacy 注册号, ICP number and public-security filing number. The sweeps compare these
// with the register (unregistered_entity, identity_mismatch); the signals engine uses them to
// decide whether a shop shows its licence.
import {
  formatIcp,
  icpFilingPattern,
  icpLicencePattern,
  isPlaceholderIcp,
  isValidRegistrationNumber,
  isValidUscc,
  parseIcp,
  publicSecurityPattern,
} from "../identity/index.ts";
import type { PageIdentity, UsccClaim } from "./types.ts";

const usccLabels =
  /(统一社会信用代码|社会信用代码|信用代码|营业执照注册号|营业执照号码?|营业执照|注册号|纳税人识别号|税号)\s*[:：]?\s*$/;
const idCardLabel = /(身份证|证件号|公民身份号码)[^\n]{0,12}$/;
const registrationLabel = /(注册号|营业执照|执照号|工商注册)[^\n]{0,12}$/;
// Shape as printed: letters anywhere except positions 3–8; I O S V Z accepted here so that a
// code with a wrong letter is reported (valid: false) rather than silently skipped.
const usccShape = /(?<![0-9A-Z])[0-9A-Z]{2}\d{6}[0-9A-Z]{10}(?![0-9A-Z])/g;
const registrationShape = /(?<!\d)\d{15}(?!\d)/g;
const companySuffix =
  "(?:股份有限公司|有限责任公司|有限公司|分公司|合伙企业\\)?|合伙企业|个体工商户|经营部|商行|工作室|门市部|专业合作社|合作社|事务所)";
const companyPattern = new RegExp(`[\\u4e00-\\u9fa5（）()]{2,40}?${companySuffix}`, "g");
const companyLabel =
  /(公司名称|企业名称|主体名称|经营者名称|经营主体|运营主体|主办单位|开办者|经营者|运营方|版权所有|©|copyright)\s*[:：]?\s*$/i;
// Words that end a sentence fragment before a company name ("本网站由…公司运营").
const leadingNoise =
  /^.*?(?:由|是|为|与|和|及|在|于|的|系|向|本站|本网站|欢迎访问|欢迎来到|版权所有|主办单位)/;

function unique<T>(items: T[], key: (item: T) => string = String): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function labelBefore(text: string, index: number, label: RegExp): string | undefined {
  const m = label.exec(text.slice(Math.max(0, index - 30), index));
  return m ? m[1] : undefined;
}

/** Mainland ID-card numbers share the USCC shape: birth date in 7–14 and a MOD 11-2 check. */
function looksLikeIdCard(code: string): boolean {
  if (!/^\d{17}[\dX]$/.test(code)) return false;
  const year = Number(code.slice(6, 10));
  const month = Number(code.slice(10, 12));
  const day = Number(code.slice(12, 14));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(code[i]), 0);
  return "10X98765432"[sum % 11] === code[17];
}

function extractUsccs(text: string): UsccClaim[] {
  const claims: UsccClaim[] = [];
  for (const m of text.matchAll(usccShape)) {
    const code = m[0];
    if (idCardLabel.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    const label = labelBefore(text, m.index, usccLabels);
    const valid = isValidUscc(code);
    if (!label && (!valid || looksLikeIdCard(code))) continue; // an unlabelled random token
    claims.push(label ? { code, valid, label } : { code, valid });
  }
  return unique(claims, (c) => c.code);
}

function extractRegistrationNumbers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(registrationShape)) {
    const context = text.slice(Math.max(0, m.index - 20), m.index);
    if (registrationLabel.test(context) && isValidRegistrationNumber(m[0])) found.push(m[0]);
  }
  return unique(found);
}

function cleanCompanyName(raw: string): string | null {
  const name = raw.replace(leadingNoise, "").replace(/^[（(]|[)）]$/g, "");
  return name.length >= 5 ? name : null;
}

function extractCompanyNames(text: string): string[] {
  const labelled: string[] = [];
  const other: string[] = [];
  for (const m of text.matchAll(companyPattern)) {
    const name = cleanCompanyName(m[0]);
    if (!name) continue;
    const before = text.slice(Math.max(0, m.index - 16), m.index + m[0].length - name.length);
    (companyLabel.test(before) ? labelled : other).push(name);
  }
  return unique([...labelled, ...other]);
}

function extractIcps(text: string): string[] {
  const found: string[] = [];
  for (const pattern of [icpFilingPattern, icpLicencePattern]) {
    for (const m of text.matchAll(new RegExp(pattern.source, pattern.flags))) {
      const icp = parseIcp(m[0]);
      if (icp && !isPlaceholderIcp(icp.digits)) found.push(formatIcp(icp));
    }
  }
  return unique(found);
}

function extractPublicSecurity(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(new RegExp(publicSecurityPattern.source, publicSecurityPattern.flags))) {
    found.push(`${m[1]}公网安备${m[2]}号`);
  }
  return unique(found);
}

/** Identity claims in page text (visible, hidden and attribute text joined by line breaks). */
export function extractIdentity(text: string): PageIdentity {
  const folded = text.normalize("NFKC");
  const upper = folded.toUpperCase();
  return {
    companyNames: extractCompanyNames(folded),
    usccs: extractUsccs(upper),
    registrationNumbers: extractRegistrationNumbers(folded),
    icps: extractIcps(upper),
    publicSecurity: extractPublicSecurity(folded),
  };
}
