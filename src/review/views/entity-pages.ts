// Entities: a searchable list of the register, and one entity's page (register data, websites
// and shops, e-labels, findings timeline, leads).
import type { LabelSummary } from "../../labels/index.ts";
import type { LeadSummary } from "../../leads/index.ts";
import { type EntityRecord, entityKindLabels } from "../../registry/index.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import {
  categoryName,
  findingStatusName,
  leadStatusName,
  markedExcerpt,
  severityName,
  tag,
  when,
} from "./format.ts";
import { inputField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";

export type TimelineFinding = {
  id: number;
  category: string;
  severity: string;
  status: string;
  url: string;
  excerpt: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
};

const kindName = (kind: string) => entityKindLabels[kind as keyof typeof entityKindLabels] ?? kind;

export function entityListBody(
  q: string,
  items: EntityRecord[],
  total: number,
  page: number,
  hasNext: boolean,
): SafeHtml {
  const c = zhCN.entities.columns;
  const rows = items.length
    ? items.map(
        (e) =>
          html`<tr><td><a href="/entities/${e.uscc}">${e.uscc}</a></td><td>${e.name}</td><td>${kindName(e.kind)}</td><td>${e.status}</td><td>${e.region}</td><td>${e.domains.join("；")}</td></tr>`,
      )
    : html`<tr><td colspan="6">${zhCN.common.noRows}</td></tr>`;
  const next = hasNext
    ? html`<div class="pager"><a href="/entities?${new URLSearchParams({ q, page: String(page + 1) }).toString()}">${zhCN.common.next}</a></div>`
    : false;
  return html`<h1>${zhCN.entities.title}</h1>
<form method="get" action="/entities" class="filters">${inputField("q", zhCN.entities.search, q)}<button type="submit" class="primary">${zhCN.common.apply}</button></form>
<p class="muted">${zhCN.entities.total(total)}</p>
<table><thead><tr><th>${c.uscc}</th><th>${c.name}</th><th>${c.kind}</th><th>${c.status}</th><th>${c.region}</th><th>${c.domains}</th></tr></thead><tbody>${rows}</tbody></table>${next}`;
}

function register(e: EntityRecord): SafeHtml {
  const t = zhCN.entities;
  return html`<dl>
<dt>${t.columns.uscc}</dt><dd>${e.uscc}</dd>
<dt>${t.columns.name}</dt><dd>${e.name}</dd>
<dt>${t.columns.kind}</dt><dd>${kindName(e.kind)}</dd>
<dt>${t.columns.status}</dt><dd>${e.status}</dd>
<dt>${t.columns.region}</dt><dd>${e.region || "—"}</dd>
<dt>${t.address}</dt><dd>${e.address || "—"}</dd>
<dt>${t.icp}</dt><dd>${e.icp || "—"}</dd>
<dt>${t.registeredOn}</dt><dd>${e.registeredOn ?? "—"}</dd>
</dl>`;
}

function labelsTable(labels: LabelSummary[]): SafeHtml {
  const c = zhCN.entities.labelColumns;
  if (labels.length === 0) return html`<p class="muted">${zhCN.entities.noLabels}</p>`;
  return html`<table><thead><tr><th>${c.serial}</th><th>${c.domains}</th><th>${c.status}</th><th>${c.issuedOn}</th><th>${c.expiresOn}</th></tr></thead><tbody>${labels.map(
    (l) =>
      html`<tr><td><a href="/verify/${l.serial}">${l.serial}</a></td><td>${l.domains.join("；")}</td><td>${zhCN.labelStatus[l.status]}</td><td>${l.issuedOn}</td><td>${l.expiresOn}</td></tr>`,
  )}</tbody></table>`;
}

function timeline(findings: TimelineFinding[]): SafeHtml {
  if (findings.length === 0) return html`<p class="muted">${zhCN.entities.noFindings}</p>`;
  return html`<table class="timeline"><tbody>${findings.map(
    (
      f,
    ) => html`<tr><td>${when(f.firstSeenAt)}</td><td><a href="/findings/${f.id}">#${f.id}</a></td><td>${categoryName(f.category)}</td><td>${tag(f.severity, severityName(f.severity))}</td>
<td>${tag(f.status, findingStatusName(f.status))}</td><td><code>${f.url}</code><div>${markedExcerpt(f.excerpt.slice(0, 200))}</div></td></tr>`,
  )}</tbody></table>`;
}

export type EntityView = {
  entity: EntityRecord;
  labels: LabelSummary[];
  findings: TimelineFinding[];
  leads: LeadSummary[];
};

export function entityBody(view: EntityView): SafeHtml {
  const t = zhCN.entities;
  const e = view.entity;
  const presences = e.presences.length
    ? html`<ul>${e.presences.map((p) => html`<li><code>${p.domain}</code>${p.platform ? html` · ${p.platform}` : false}${p.url ? html` · <code>${p.url}</code>` : false}</li>`)}</ul>`
    : html`<p class="muted">${zhCN.common.none}</p>`;
  const leads = view.leads.length
    ? html`<ul>${view.leads.map((l) => html`<li><a href="/leads/${l.id}">${l.number}</a> ${tag(l.status, leadStatusName(l.status))} ${l.assignedUnit}</li>`)}</ul>`
    : html`<p class="muted">${zhCN.common.none}</p>`;
  return html`<h1>${e.name}</h1>
<div class="grid2"><section><h2>${t.register}</h2>${register(e)}</section><section><h2>${t.websites}</h2>${presences}<h2>${t.leads}</h2>${leads}</section></div>
<h2>${t.labels}</h2>${labelsTable(view.labels)}
<h2>${t.timeline}</h2>${timeline(view.findings)}`;
}
