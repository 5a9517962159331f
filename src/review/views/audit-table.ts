// The audit trail of a subject (finding or lead): who did what, when, and the details recorded.
import type { AuditRow } from "../data/finding-detail.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { when } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";

/** "key：value；…" from the details JSON; the raw text when it is not an object. */
function detailsText(details: string): string {
  try {
    const value = JSON.parse(details) as unknown;
    if (!value || typeof value !== "object") return details;
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}：${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join("；");
  } catch {
    return details;
  }
}

export function auditTable(rows: AuditRow[]): SafeHtml {
  const c = zhCN.auditColumns;
  if (rows.length === 0) return html`<p class="muted">${zhCN.finding.noAudit}</p>`;
  return html`<table class="audit"><thead><tr><th>${c.at}</th><th>${c.actor}</th><th>${c.action}</th><th>${c.details}</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr data-action="${r.action}"><td>${when(r.at)}</td><td>${r.actor}</td><td>${zhCN.auditActions[r.action] ?? r.action}</td><td class="muted">${detailsText(r.details)}</td></tr>`,
  )}</tbody></table>`;
}
