// The finding page: what was found (excerpt with the match marked, legal basis), the review
// state and the actions a reviewer may take, then the evidence, the site's other findings,
// notes and the audit trail.
import type { StaffSession } from "../auth/sessions.ts";
import type { FindingDetail } from "../data/finding-detail.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { auditTable } from "./audit-table.ts";
import { evidenceSection } from "./evidence-section.ts";
import {
  categoryName,
  findingStatusName,
  leadStatusName,
  markedExcerpt,
  severityName,
  tag,
  when,
} from "./format.ts";
import { csrfInput, postButton } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";

export type FindingView = {
  staff: StaffSession;
  finding: FindingDetail;
  canReview: boolean;
  reviewers: string[];
  leadCandidates: number[];
  pageText: { text: string; truncated: boolean } | null;
};

function facts(f: FindingDetail): SafeHtml {
  const t = zhCN.finding;
  const entity = f.entity
    ? html`<a href="/entities/${f.entity.uscc}">${f.entity.name}</a>（${f.entity.uscc}）`
    : html`<span class="muted">${t.noEntity}</span>`;
  const reviewed = f.reviewedBy ? t.reviewedBy(f.reviewedBy, when(f.reviewedAt)) : "—";
  const lead = f.lead
    ? html`<a href="/leads/${f.lead.id}">${f.lead.number}</a> ${tag(f.lead.status, leadStatusName(f.lead.status))}`
    : "—";
  return html`<dl>
<dt>${zhCN.queue.columns.status}</dt><dd>${tag(f.status, findingStatusName(f.status))}</dd>
<dt>${zhCN.queue.columns.category}</dt><dd>${categoryName(f.category)}</dd>
<dt>${zhCN.queue.columns.severity}</dt><dd>${tag(f.severity, severityName(f.severity))}</dd>
<dt>${t.rule}</dt><dd><code>${f.rule}</code>（${t.score} ${f.score.toFixed(2)}）</dd>
<dt>${t.basis}</dt><dd class="basis">${f.basisLaw}${f.basisArticle}</dd>
<dt>${t.url}</dt><dd><code>${f.url}</code></dd>
<dt>${t.entity}</dt><dd>${entity}</dd>
<dt>${zhCN.queue.columns.region}</dt><dd>${f.region || "—"}</dd>
<dt>${t.sweep}</dt><dd>${f.sweep || "—"}</dd>
<dt>${t.firstSeen}</dt><dd>${when(f.firstSeenAt)}</dd>
<dt>${t.lastSeen}</dt><dd>${when(f.lastSeenAt)}</dd>
<dt>${t.reviewed}</dt><dd>${reviewed}</dd>
${f.dismissReason ? html`<dt>${t.dismissReason}</dt><dd>${f.dismissReason}</dd>` : false}
<dt>${t.assignee}</dt><dd>${f.assignee || t.unassigned}</dd>
<dt>${t.lead}</dt><dd>${lead}</dd>
</dl>`;
}

function reviewForms(view: FindingView): SafeHtml {
  const { staff, finding: f } = view;
  const t = zhCN.finding;
  if (!view.canReview) return html`<p class="muted">${t.readOnly}</p>`;
  if (f.lead) return html`<p class="muted">${t.inLead}</p>`;
  const base = `/findings/${f.id}`;
  const confirm = ["new", "dismissed"].includes(f.status)
    ? postButton(staff, `${base}/confirm`, t.confirm, {}, "primary")
    : false;
  const dismiss = ["new", "confirmed"].includes(f.status)
    ? html`<form method="post" action="${base}/dismiss" id="dismiss-form">${csrfInput(staff)}<label>${t.reasonLabel} <input name="reason" required maxlength="500"></label><button type="submit" class="danger">${t.dismiss}</button></form>`
    : false;
  const reopen = ["dismissed", "confirmed"].includes(f.status)
    ? postButton(staff, `${base}/reopen`, t.reopen)
    : false;
  const lead = view.leadCandidates.length
    ? html`<form method="post" action="/leads">${csrfInput(staff)}${view.leadCandidates.map((id) => html`<input type="hidden" name="ids" value="${id}">`)}<button type="submit">${t.createLead(view.leadCandidates.length)}</button></form>`
    : false;
  return html`<div class="actions" id="review-actions">${confirm}${dismiss}${reopen}${lead}</div>`;
}

function assignForm(view: FindingView): SafeHtml | false {
  if (!view.canReview) return false;
  const t = zhCN.finding;
  const f = view.finding;
  const names = ["", ...view.reviewers];
  return html`<form method="post" action="/findings/${f.id}/assign" class="actions">${csrfInput(view.staff)}
<label>${t.assignLabel} <select name="assignee">${names.map(
    (n) =>
      html`<option value="${n}"${n === f.assignee ? html` selected` : false}>${n || t.unassigned}</option>`,
  )}</select></label><button type="submit">${t.assign}</button></form>`;
}

function notes(view: FindingView): SafeHtml {
  const t = zhCN.finding;
  const list = view.finding.notes.length
    ? html`<ul class="notes">${view.finding.notes.map((n) => html`<li><span class="muted">${n.author} · ${when(n.createdAt)}</span><br>${n.text}</li>`)}</ul>`
    : html`<p class="muted">${t.noNotes}</p>`;
  const form = view.canReview
    ? html`<form method="post" action="/findings/${view.finding.id}/note" class="stack">${csrfInput(view.staff)}<label>${t.noteLabel}<textarea name="text" required maxlength="2000"></textarea></label><div><button type="submit">${t.addNote}</button></div></form>`
    : false;
  return html`<h2>${t.notes}</h2>${list}${form}`;
}

function sameSite(f: FindingDetail): SafeHtml {
  const t = zhCN.finding;
  if (f.sameSite.length === 0) return html`<h2>${t.earlier}</h2><p class="muted">${zhCN.common.none}</p>`;
  return html`<h2>${t.earlier}</h2><table><tbody>${f.sameSite.map(
    (s) =>
      html`<tr><td><a href="/findings/${s.id}">#${s.id}</a></td><td>${categoryName(s.category)}</td><td>${tag(s.severity, severityName(s.severity))}</td><td>${tag(s.status, findingStatusName(s.status))}</td><td><code>${s.url}</code></td><td>${when(s.lastSeenAt)}</td></tr>`,
  )}</tbody></table>`;
}

export function findingBody(view: FindingView): SafeHtml {
  const f = view.finding;
  const t = zhCN.finding;
  return html`<h1>${t.title(f.id)} · ${categoryName(f.category)} · ${f.domain}</h1>
<h2>${t.excerpt}</h2><p class="excerpt" id="excerpt">${markedExcerpt(f.excerpt)}</p>
<div class="grid2"><section>${facts(f)}</section><section><h2>${t.actions}</h2>${reviewForms(view)}${assignForm(view)}</section></div>
${evidenceSection(f, view.pageText)}
${sameSite(f)}
${notes(view)}
<h2>${t.audit}</h2>${auditTable(f.audit)}`;
}
