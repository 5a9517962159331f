// Column layout shared by the CSV and XLSX exports: Chinese headers for staff and enforcement,
// the English key for machines, and a width for spreadsheets.
import type { FindingRecord } from "./records.ts";

export type Column = {
  key: string;
  header: string;
  width: number;
  value: (r: FindingRecord) => string | number;
};

export const findingColumns: Column[] = [
  { key: "id", header: "线索编号", width: 10, value: (r) => r.id },
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

/** Crawled text must never become a spreadsheet formula: a leading = + - @ (or tab/CR) is escaped. */
export function neutraliseCell(value: string | number): string | number {
  if (typeof value !== "string") return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
