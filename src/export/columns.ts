// Column layouts of the exports: Chinese headers for staff and enforcement, the English key for
// machines, and a width for spreadsheets. findingColumns is the CSV and the XLSX 线索 sheet (one
// row per finding); evidenceColumns is the XLSX 证据 sheet (one row per evidence file).
import { evidenceKindTitles } from "./documents/format.ts";
import type { EvidenceFileRecord, FindingRecord } from "./records.ts";

export type Column<R = FindingRecord> = {
  key: string;
  header: string;
  width: number;
  value: (r: R) => string | number;
};

export const findingColumns: Column[] = [
  { key: "id", header: "发现编号", width: 10, value: (r) => r.id },
  { key: "lead_number", header: "线索编号", width: 16, value: (r) => r.leadNumber ?? "" },
  { key: "category", header: "类别", width: 18, value: (r) => r.category },
  { key: "rule", header: "规则", width: 28, value: (r) => r.rule },
  { key: "severity", header: "严重程度", width: 10, value: (r) => r.severity },
  { key: "url", header: "网址", width: 48, value: (r) => r.url },
  { key: "domain", header: "域名", width: 24, value: (r) => r.domain },
  { key: "uscc", header: "统一社会信用代码", width: 22, value: (r) => r.uscc ?? "" },
  { key: "entity_name", header: "经营者名称", width: 30, value: (r) => r.entityName ?? "" },
  { key: "region", header: "所属分局", width: 14, value: (r) => r.region },
  { key: "status", header: "状态", width: 12, value: (r) => r.status },
  { key: "first_seen", header: "首次发现时间", width: 22, value: (r) => r.firstSeenAt },
  { key: "last_seen", header: "最近发现时间", width: 22, value: (r) => r.lastSeenAt },
  { key: "excerpt", header: "摘录", width: 60, value: (r) => r.excerpt },
  { key: "basis", header: "法律依据", width: 40, value: (r) => r.basis },
  { key: "captured_at", header: "取证时间", width: 22, value: (r) => r.capturedAt ?? "" },
  { key: "body_sha256", header: "网页源码SHA-256", width: 66, value: (r) => r.evidence.body },
  { key: "text_sha256", header: "页面文本SHA-256", width: 66, value: (r) => r.evidence.text },
  { key: "screenshot_sha256", header: "截图SHA-256", width: 66, value: (r) => r.evidence.screenshot ?? "" },
];

/** One row of the 证据 sheet: an evidence file, with the finding (and lead) it backs. */
export type EvidenceLine = EvidenceFileRecord & { findingId: number; leadNumber: string | null };

export function evidenceLines(r: FindingRecord): EvidenceLine[] {
  return r.evidenceFiles.map((f) => ({ ...f, findingId: r.id, leadNumber: r.leadNumber }));
}

export const evidenceColumns: Column<EvidenceLine>[] = [
  { key: "finding_id", header: "发现编号", width: 10, value: (e) => e.findingId },
  { key: "lead_number", header: "线索编号", width: 16, value: (e) => e.leadNumber ?? "" },
  { key: "url", header: "网址", width: 48, value: (e) => e.url },
  { key: "captured_at", header: "取证时间", width: 22, value: (e) => e.capturedAt },
  { key: "kind", header: "证据类别", width: 12, value: (e) => evidenceKindTitles[e.kind] ?? e.kind },
  { key: "media_type", header: "文件类型", width: 26, value: (e) => e.mediaType },
  { key: "sha256", header: "SHA-256", width: 66, value: (e) => e.sha256 },
  { key: "size", header: "大小(字节)", width: 12, value: (e) => e.size ?? "" },
  { key: "store_path", header: "存储路径", width: 72, value: (e) => e.storePath },
];

/** Crawled text must never become a spreadsheet formula: a leading = + - @ (or tab/CR) is escaped. */
export function neutraliseCell(value: string | number): string | number {
  if (typeof value !== "string") return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
