// ICP filing / licence numbers and public-security filing numbers as shown on site footers
// (domain.md §2). Parsing accepts the suffix before or after 号 (…号-3, …-3号).

const provinces = "京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵滇云藏陕甘陇青宁新";
const P = `[${provinces}]`;

export const icpFilingPattern = new RegExp(
  `(${P})\\s*ICP\\s*备\\s*(\\d{6,10})\\s*号?\\s*(?:-\\s*(\\d{1,3}))?\\s*号?`,
  "gi",
);
export const icpLicencePattern = new RegExp(`(${P})\\s*ICP\\s*证\\s*(\\d{6})\\s*号`, "gi");
export const publicSecurityPattern = new RegExp(`(${P})\\s*公网安备\\s*(\\d{10,14})\\s*号?`, "g");

export type IcpNumber = { province: string; kind: "filing" | "licence"; digits: string; site: number | null };

/** Parses one ICP number; returns null if the text is not one. */
export function parseIcp(text: string): IcpNumber | null {
  const t = text.normalize("NFKC").trim();
  const filing = new RegExp(`^${icpFilingPattern.source}$`, "i").exec(t);
  if (filing) {
    return {
      province: filing[1]!,
      kind: "filing",
      digits: filing[2]!,
      site: filing[3] ? Number(filing[3]) : null,
    };
  }
  const licence = new RegExp(`^${icpLicencePattern.source}$`, "i").exec(t);
  if (licence) return { province: licence[1]!, kind: "licence", digits: licence[2]!, site: null };
  return null;
}

/** Canonical text of an ICP number: 粤ICP备19015064号-2 */
export function formatIcp(icp: IcpNumber): string {
  if (icp.kind === "licence") return `${icp.province}ICP证${icp.digits}号`;
  return `${icp.province}ICP备${icp.digits}号${icp.site === null ? "" : `-${icp.site}`}`;
}

/** The filing subject part (province + digits) that identifies the operator across its sites. */
export function icpSubject(icp: IcpNumber): string {
  return `${icp.province}ICP${icp.kind === "filing" ? "备" : "证"}${icp.digits}`;
}

/** Placeholder numbers from site templates are not real filings. */
export function isPlaceholderIcp(digits: string): boolean {
  return (
    /^(\d)\1+$/.test(digits) || digits === "12345678" || digits === "123456789" || digits === "1234567890"
  );
}
