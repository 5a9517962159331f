// The findings queue: the filter bar, one page of findings, bulk confirm / dismiss / create lead
// for reviewers, the next-page link (keyset cursor) and the export buttons for this filter.
import { categories, findingStatuses, severities } from "../../findings/index.ts";
import type { StaffSession } from "../auth/sessions.ts";
import type { QueueRow } from "../data/findings-queue.ts";
import { filterParams, type QueueFilter } from "../data/queue-filter.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { categoryName, findingStatusName, severityName, tag, when } from "./format.ts";
import { csrfInput, inputField, type Option, selectField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";

export type QueueView = {
  staff: StaffSession;
  filter: QueueFilter;
  rows: QueueRow[];
  nextCursor: string | null;
  isFirstPage: boolean;
  unknownEntity: boolean;
  sweeps: string[];
  regions: string[];
  canReview: boolean;
  /** This page's address, to return to after a bulk action. */
  back: string;
};

export type FilterBarView = Pick<QueueView, "filter" | "sweeps" | "regions">;

export function filterBar(view: FilterBarView, action = "/findings"): SafeHtml {
  const f = view.filter;
  const t = zhCN.queue.filters;
  const all = zhCN.common.all;
  const opts = (ids: readonly string[], name: (id: string) => string): Option[] =>
    ids.map((id) => [id, name(id)]);
  const sorts: Option[] = [
    ["last_seen", zhCN.queue.sort.lastSeen],
    ["severity", zhCN.queue.sort.severity],
  ];
  return html`<form method="get" action="${action}" class="filters" id="queue-filters">
${selectField("category", t.category, opts(categories, categoryName), f.category ?? "", all)}
${selectField("severity", t.severity, opts(severities, severityName), f.severity ?? "", all)}
${selectField("status", t.status, opts(findingStatuses, findingStatusName), f.status ?? "", all)}
${selectField(
  "sweep",
  t.sweep,
  opts(view.sweeps, (s) => s),
  f.sweep ?? "",
  all,
)}
${selectField(
  "region",
  t.region,
  opts(view.regions, (r) => r),
  f.region ?? "",
  all,
)}
${inputField("entity", t.entity, f.entity ?? "")}
${inputField("from", t.from, f.from ?? "", "date")}
${inputField("to", t.to, f.to ?? "", "date")}
${selectField("sort", t.sort, sorts, f.sort)}
<button type="submit" class="primary">${zhCN.common.apply}</button>
<a href="${action}">${zhCN.common.reset}</a>
</form>`;
}

function row(r: QueueRow, canReview: boolean): SafeHtml {
  const box = canReview
    ? html`<td><input type="checkbox" name="ids" value="${r.id}" aria-label="${zhCN.queue.columns.select} ${r.id}"></td>`
    : false;
  const entity = r.entity
    ? html`<a href="/entities/${r.entity.uscc}">${r.entity.name}</a>`
    : html`<span class="muted">${zhCN.common.unknown}</span>`;
  return html`<tr data-id="${r.id}">${box}
<td><a href="/findings/${r.id}">#${r.id}</a></td>
<td>${categoryName(r.category)}</td>
<td>${tag(r.severity, severityName(r.severity))}</td>
<td><a href="/findings/${r.id}">${r.domain}</a><div class="muted">${r.excerpt.slice(0, 80)}</div></td>
<td>${entity}</td>
<td>${r.region}</td>
<td>${tag(r.status, findingStatusName(r.status))}</td>
<td>${r.assignee}</td>
<td>${when(r.lastSeenAt)}</td>
</tr>`;
}

function table(view: QueueView): SafeHtml {
  const c = zhCN.queue.columns;
  const head = html`<tr>${view.canReview ? html`<th><input type="checkbox" id="select-all" aria-label="${zhCN.queue.selectAll}"></th>` : false}
<th>${c.id}</th><th>${c.category}</th><th>${c.severity}</th><th>${c.site}</th><th>${c.entity}</th><th>${c.region}</th><th>${c.status}</th><th>${c.assignee}</th><th>${c.lastSeen}</th></tr>`;
  const body = view.rows.length
    ? view.rows.map((r) => row(r, view.canReview))
    : html`<tr><td colspan="10">${view.unknownEntity ? zhCN.queue.noEntity : zhCN.common.noRows}</td></tr>`;
  return html`<table class="queue"><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function bulkBar(view: QueueView): SafeHtml | false {
  if (!view.canReview) return false;
  const q = zhCN.queue;
  return html`<div class="actions">
<button type="submit" name="action" value="confirm" class="primary">${q.bulkConfirm}</button>
<label>${q.bulkReason} <input name="reason" maxlength="500"></label>
<button type="submit" name="action" value="dismiss" class="danger">${q.bulkDismiss}</button>
<button type="submit" formaction="/leads">${q.bulkLead}</button>
</div>`;
}

function pager(view: QueueView): SafeHtml {
  const params = filterParams(view.filter);
  const first = view.isFirstPage
    ? false
    : html`<a href="/findings?${params.toString()}">${zhCN.common.first}</a>`;
  let next: SafeHtml | false = false;
  if (view.nextCursor) {
    const withCursor = new URLSearchParams(params);
    withCursor.set("after", view.nextCursor);
    next = html`<a href="/findings?${withCursor.toString()}" rel="next" id="next-page">${zhCN.common.next}</a>`;
  }
  return html`<div class="pager">${first}${next}</div>`;
}

export function exportLinks(filter: QueueFilter): SafeHtml {
  const q = filterParams(filter).toString();
  const e = zhCN.exports;
  return html`<div class="actions" id="export-links"><a href="/exports/findings.xlsx?${q}" download>${e.xlsx}</a>
<a href="/exports/findings.csv?${q}" download>${e.csv}</a>
<a href="/exports/findings.json?${q}" download>${e.json}</a></div>`;
}

export function queueBody(view: QueueView): SafeHtml {
  const form = view.canReview
    ? html`<form method="post" action="/findings/bulk" id="bulk-form">${csrfInput(view.staff)}<input type="hidden" name="back" value="${view.back}">${bulkBar(view)}${table(view)}</form>`
    : table(view);
  return html`<h1>${zhCN.queue.title}</h1>
${filterBar(view)}
${exportLinks(view.filter)}
${form}
${pager(view)}`;
}
