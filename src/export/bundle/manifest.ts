// The bundle's own description: manifest.json (machines), manifest.csv (staff, UTF-8 with BOM so
// Excel opens it), SHA256SUMS (`sha256sum -c SHA256SUMS` checks every file after unzipping) and
// README.txt (how to check, in Chinese). One row per file: where it is in the zip, its digest,
// when it was captured and which lead and findings it belongs to.
import { neutraliseCell } from "../columns.ts";
import { categoryTitle, evidenceKindTitles, shortDateTime } from "../documents/format.ts";
import type { EvidenceKind, LeadFacts } from "./lead-facts.ts";

export type ManifestFile = {
  path: string;
  sha256: string;
  size: number;
  /** body | headers | text | screenshot | extraction_record | handover_notice */
  kind: string;
  mediaType: string;
  /** When the evidence was captured (ISO, UTC); for documents, when they were made. */
  capturedAt: string;
  lead: string;
  findings: number[];
  captureId: number | null;
  url: string | null;
  documentNumber?: string;
};

export type ManifestLead = {
  id: number;
  number: string;
  status: string;
  assignedUnit: string;
  entity: LeadFacts["entity"];
  domain: string;
  documents: {
    extractionRecord: { number: string; sha256: string };
    handoverNotice: { number: string; sha256: string };
  };
  findings: {
    id: number;
    category: string;
    categoryTitle: string;
    rule: string;
    severity: string;
    url: string;
    excerpt: string;
    basis: string;
    captureId: number | null;
    reviewedBy: string;
    reviewedAt: string | null;
  }[];
  captures: {
    id: number;
    url: string;
    finalUrl: string;
    httpStatus: number;
    fetchedAt: string;
    mode: string;
    provenance: Record<string, unknown>;
  }[];
};

export type Manifest = {
  format: "redshield-evidence-bundle";
  version: 1;
  bureau: string;
  createdAt: string;
  createdBy: string;
  tool: string;
  renderer: string;
  hashAlgorithm: "SHA-256";
  leads: ManifestLead[];
  files: ManifestFile[];
};

export function manifestLead(lead: LeadFacts, documents: ManifestLead["documents"]): ManifestLead {
  return {
    id: lead.id,
    number: lead.number,
    status: lead.status,
    assignedUnit: lead.assignedUnit,
    entity: lead.entity,
    domain: lead.domain,
    documents,
    findings: lead.findings.map((f) => ({
      id: f.id,
      category: f.category,
      categoryTitle: categoryTitle(f.category),
      rule: f.rule,
      severity: f.severity,
      url: f.url,
      excerpt: f.excerpt,
      basis: `${f.basisLaw}${f.basisArticle}`,
      captureId: f.captureId,
      reviewedBy: f.reviewedBy,
      reviewedAt: f.reviewedAt?.toISOString() ?? null,
    })),
    captures: lead.captures.map((c) => ({
      id: c.id,
      url: c.url,
      finalUrl: c.finalUrl,
      httpStatus: c.httpStatus,
      fetchedAt: c.fetchedAt.toISOString(),
      mode: c.mode,
      provenance: c.provenance,
    })),
  };
}

const kindTitles: Record<string, string> = {
  ...(evidenceKindTitles as Record<EvidenceKind, string>),
  extraction_record: "电子数据证据提取笔录",
  handover_notice: "网络监测线索交办通知书",
};

function csvField(v: string | number): string {
  const s = String(neutraliseCell(v));
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function manifestCsv(files: ManifestFile[]): string {
  const header = [
    "序号",
    "文件路径",
    "类别",
    "SHA-256",
    "大小(字节)",
    "取证或生成时间(北京时间)",
    "线索编号",
    "发现编号",
    "网址",
  ];
  const rows = files.map((f, i) =>
    [
      i + 1,
      f.path,
      kindTitles[f.kind] ?? f.kind,
      f.sha256,
      f.size,
      shortDateTime(new Date(f.capturedAt)),
      f.lead,
      f.findings.join(" "),
      f.url ?? "",
    ]
      .map(csvField)
      .join(","),
  );
  return `\ufeff${[header.map(csvField).join(","), ...rows].join("\r\n")}\r\n`;
}

/** `sha256sum` check-file format: digest, two spaces, path. */
export function sha256Sums(entries: { path: string; sha256: string }[]): string {
  return entries.map((e) => `${e.sha256}  ${e.path}\n`).join("");
}

export function readmeText(m: {
  bureau: string;
  createdAt: Date;
  createdBy: string;
  leads: string[];
}): string {
  return [
    `${m.bureau} 网络巡查证据包`,
    "",
    `生成时间：${shortDateTime(m.createdAt)}（北京时间）　导出人：${m.createdBy}`,
    `包含线索：${m.leads.join("、")}`,
    "",
    "目录说明：",
    "  <线索编号>/extraction-record.pdf   电子数据证据提取笔录",
    "  <线索编号>/handover-notice.pdf     网络监测线索交办通知书（载明笔录 PDF 的 SHA-256）",
    "  <线索编号>/evidence/               取证文件：网页源码、HTTP响应头、页面文本、全页截图",
    "  manifest.json / manifest.csv       文件清单：路径、SHA-256、大小、取证时间、所属线索和发现",
    "  SHA256SUMS                         全部文件的 SHA-256 校验值",
    "",
    "校验方法：",
    "  Linux：解压后在本目录执行 sha256sum -c SHA256SUMS，每个文件应显示“成功”（OK）。",
    "  Windows：certutil -hashfile 文件名 SHA256，与 manifest.csv 中的校验值比对。",
    "  manifest.json 本身的 SHA-256 记录在系统审计日志（export.bundle）中。",
    "",
  ].join("\r\n");
}
