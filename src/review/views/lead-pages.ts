// Case leads: the list, and one lead with its routing, lifecycle actions and findings.
import { type LeadDetail, type LeadSummary, leadStatuses, nextLeadStatus } from "../../leads/index.ts";
import type { StaffSession } from "../auth/sessions.ts";
import type { AuditRow } from "../data/finding-detail.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { auditTable } from "./audit-table.ts";
import {
  categoryName,
  findingStatusName,
  leadStatusName,
  markedExcerpt,
  severityName,
  tag,
  when,
} from "./format.ts";
import { csrfInput, selectField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";

export function leadListBody(leads: LeadSummary[], status: string, nextBefore: number | null): SafeHtml {
  const c = zhCN.leads.columns;
  const statusOptions = leadStatuses.map((s) => [s, leadStatusName(s)] as const);
  const rows = leads.length
    ? leads.map(
        (
          l,
        ) => html`<tr><td><a href="/leads/${l.id}">${l.number}</a></td><td>${l.entityName ?? zhCN.common.unknown}</td><td>${l.domain}</td>
<td>${l.assignedUnit || zhCN.leads.noUnit}</td><td>${tag(l.status, leadStatusName(l.status))}</td><td class="num">${l.findingCount}</td><td>${when(l.createdAt)}</td></tr>`,
      )
    : html`<tr><td colspan="7">${zhCN.common.noRows}</td></tr>`;
  const next = nextBefore
    ? html`<div class="pager"><a href="/leads?${new URLSearchParams({ ...(status ? { status } : {}), before: String(nextBefore) }).toString()}">${zhCN.common.next}</a></div>`
    : false;
  return html`<h1>${zhCN.leads.title}</h1>
<form method="get" action="/leads" class="filters">${selectField("status", zhCN.queue.columns.status, statusOptions, status, zhCN.common.all)}<button type="submit">${zhCN.common.apply}</button></form>
<table><thead><tr><th>${c.number}</th><th>${c.entity}</th><th>${c.domain}</th><th>${c.unit}</th><th>${c.status}</th><th class="num">${c.findings}</th><th>${c.createdAt}</th></tr></thead>
<tbody>${rows}</tbody></table>${next}`;
}

export type LeadView = {
  staff: StaffSession;
  lead: LeadDetail;
  canAct: boolean;
  routingNote: string;
  audit: AuditRow[];
  bundleAvailable: boolean;
};

function lifecycleForm(view: LeadView): SafeHtml | false {
  const to = nextLeadStatus[view.lead.status as keyof typeof nextLeadStatus];
  if (!view.canAct || !to) return false;
  const t = zhCN.leads;
  const label = to === "handed_over" ? t.handOver : to === "feedback" ? t.recordFeedback : t.close;
  const feedback =
    to === "feedback"
      ? html`<label class="stack">${t.feedbackLabel}<textarea name="feedback" required maxlength="4000"></textarea></label>`
      : false;
  return html`<form method="post" action="/leads/${view.lead.id}/advance" class="stack" id="lead-advance">${csrfInput(view.staff)}
<input type="hidden" name="to" value="${to}">${feedback}<div><button type="submit" class="primary">${label}</button></div></form>`;
}

function unitForm(view: LeadView): SafeHtml {
  const t = zhCN.leads;
  const l = view.lead;
  if (!view.canAct || l.status === "closed") return html`${l.assignedUnit || t.noUnit}`;
  return html`<form method="post" action="/leads/${l.id}/unit" class="actions">${csrfInput(view.staff)}
<input name="unit" value="${l.assignedUnit}" required maxlength="100" aria-label="${t.unit}"><button type="submit">${t.saveUnit}</button></form>`;
}

function facts(view: LeadView): SafeHtml {
  const t = zhCN.leads;
  const l = view.lead;
  const entity = l.uscc
    ? html`<a href="/entities/${l.uscc}">${l.entityName}</a>（${l.uscc}）`
    : zhCN.common.unknown;
  return html`<dl>
<dt>${t.columns.status}</dt><dd>${tag(l.status, leadStatusName(l.status))}</dd>
<dt>${t.columns.entity}</dt><dd>${entity}</dd>
<dt>${t.columns.domain}</dt><dd>${l.domain}</dd>
<dt>${t.unit}</dt><dd>${unitForm(view)}<div class="muted">${view.routingNote}</div></dd>
<dt>${t.createdBy}</dt><dd>${l.createdBy}，${when(l.createdAt)}</dd>
<dt>${t.handedOverAt}</dt><dd>${when(l.handedOverAt)}</dd>
<dt>${t.feedbackAt}</dt><dd>${when(l.feedbackAt)}</dd>
${l.feedback ? html`<dt>${t.feedback}</dt><dd>${l.feedback}</dd>` : false}
<dt>${t.closedAt}</dt><dd>${when(l.closedAt)}</dd>
</dl>`;
}

function findingsTable(l: LeadDetail): SafeHtml {
  return html`<table><tbody>${l.findings.map(
    (
      f,
    ) => html`<tr><td><a href="/findings/${f.id}">#${f.id}</a></td><td>${categoryName(f.category)}</td><td>${tag(f.severity, severityName(f.severity))}</td>
<td>${tag(f.status, findingStatusName(f.status))}</td><td><code>${f.url}</code><div>${markedExcerpt(f.excerpt)}</div></td><td>${when(f.lastSeenAt)}</td></tr>`,
  )}</tbody></table>`;
}

/** The numbers and last export kept with the lead (src/export/bundle.ts writes them). */
function issuedDocuments(view: LeadView): SafeHtml {
  const t = zhCN.leads;
  const d = view.lead.documents as {
    extractionRecord?: { number?: string };
    handoverNotice?: { number?: string };
    bundle?: { at?: string; by?: string };
  };
  if (!d.extractionRecord?.number) return html`<p class="muted">${t.noDocuments}</p>`;
  const last = d.bundle?.at
    ? html`<dt>${t.lastBundle}</dt><dd>${d.bundle.by ?? ""}，${when(new Date(d.bundle.at))}</dd>`
    : false;
  return html`<dl><dt>${t.recordNumber}</dt><dd>${d.extractionRecord.number}</dd>
<dt>${t.noticeNumber}</dt><dd>${d.handoverNotice?.number ?? ""}</dd>${last}</dl>`;
}

function bundleLink(view: LeadView): SafeHtml | false {
  const t = zhCN.leads;
  if (!view.bundleAvailable || !view.canAct) return false;
  const handsOver =
    view.lead.status === "confirmed" ? html`<p class="muted">${t.bundleHandsOver}</p>` : false;
  return html`<form method="post" action="/leads/${view.lead.id}/bundle.zip" class="actions">${csrfInput(view.staff)}<button type="submit" id="bundle-button">${t.bundle}</button></form>${handsOver}<p class="muted">${t.bundleContents}</p>`;
}

export function leadBody(view: LeadView): SafeHtml {
  const t = zhCN.leads;
  return html`<h1>${t.detailTitle(view.lead.number)}</h1>
<div class="grid2"><section>${facts(view)}</section><section>${lifecycleForm(view)}<h2>${t.documents}</h2>${issuedDocuments(view)}${bundleLink(view)}</section></div>
<h2>${t.findings}</h2>${findingsTable(view.lead)}
<h2>${zhCN.finding.audit}</h2>${auditTable(view.audit)}`;
}
