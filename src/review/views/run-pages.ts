// Sweep runs: the list (with a start form for administrators) and one run's page, whose figures
// /assets/js/runs.js refreshes from /runs/{id}/progress.json while the run is queued or running.
import type { RunView, ShardOverview } from "../../sweeps/runs.ts";
import type { StaffSession } from "../auth/sessions.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { categoryName, runStatusName, tag, when } from "./format.ts";
import { csrfInput, selectField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";

export const liveFigures = [
  "pagesFetched",
  "pagesFailed",
  "entitiesChecked",
  "behavioursChecked",
  "newEntitiesFound",
  "findingsNew",
] as const;

function progress(r: RunView): SafeHtml {
  return html`<progress max="${Math.max(1, r.shardsTotal)}" value="${r.shardsDone}" data-field="progress"></progress>
<span data-field="shards">${zhCN.runs.progress(r.shardsDone, r.shardsTotal)}</span>`;
}

function startForm(staff: StaffSession, sweeps: { name: string; description: string }[]): SafeHtml {
  const t = zhCN.runs;
  const options = sweeps.map(
    (s) => [s.name, s.description ? `${s.name} · ${s.description}` : s.name] as const,
  );
  return html`<form method="post" action="/runs" class="filters" id="start-run">${csrfInput(staff)}
${selectField("sweep", t.sweep, options, "")}
<label>${t.seeds}<textarea name="seeds" rows="2" cols="50"></textarea></label>
<button type="submit" class="primary">${t.start}</button></form>`;
}

export function runListBody(
  runs: RunView[],
  start: { staff: StaffSession; sweeps: { name: string; description: string }[] } | null,
): SafeHtml {
  const c = zhCN.runs.columns;
  const rows = runs.map(
    (
      r,
    ) => html`<tr><td><a href="/runs/${r.id}">#${r.id}</a></td><td>${r.sweep}</td><td>${zhCN.runs.trigger[r.trigger] ?? r.trigger}</td>
<td>${tag(r.status, runStatusName(r.status))}</td><td>${when(r.createdAt)}</td><td>${progress(r)}</td>
<td class="num">${r.pagesFetched}</td><td class="num">${r.entitiesChecked}</td><td class="num">${r.behavioursChecked}</td><td class="num">${r.newEntitiesFound}</td><td class="num">${r.findingsNew}</td></tr>`,
  );
  return html`<h1>${zhCN.runs.title}</h1>
${start ? startForm(start.staff, start.sweeps) : false}
<table><thead><tr><th>${c.id}</th><th>${c.sweep}</th><th>${c.trigger}</th><th>${c.status}</th><th>${c.createdAt}</th><th>${c.progress}</th>
<th class="num">${c.pages}</th><th class="num">${c.entities}</th><th class="num">${c.behaviours}</th><th class="num">${c.newEntities}</th><th class="num">${c.findings}</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="11">${zhCN.common.noRows}</td></tr>`}</tbody></table>`;
}

function countsTable(counts: Record<string, number>, name: (k: string) => string): SafeHtml {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return html`<p class="muted">${zhCN.common.none}</p>`;
  return html`<table><tbody>${entries.map(([k, n]) => html`<tr><td>${name(k)}</td><td class="num">${n}</td></tr>`)}</tbody></table>`;
}

type RunStats = { errorsByKind?: Record<string, number>; findingsByCategory?: Record<string, number> };

function parseStats(text: string): RunStats {
  try {
    return JSON.parse(text) as RunStats;
  } catch {
    return {};
  }
}

function shardSection(o: ShardOverview): SafeHtml {
  const t = zhCN.runs;
  const c = t.shardColumns;
  const counts = Object.entries(o.counts)
    .map(([status, n]) => `${t.shardStatus[status] ?? status} ${n}`)
    .join("，");
  const rows = o.notable.map(
    (
      s,
    ) => html`<tr><td class="num">${s.seq + 1}</td><td>${tag(s.status, t.shardStatus[s.status] ?? s.status)}</td><td><code>${s.worker || "—"}</code></td>
<td class="num">${s.attempts}</td><td class="num">${s.pages}</td><td>${when(s.startedAt)}</td><td>${when(s.endedAt)}</td><td>${s.error}</td></tr>`,
  );
  return html`<section id="run-shards"><h2>${t.shards}</h2><p>${counts || zhCN.common.none}</p><p class="muted">${t.shardsHint}</p>
${
  rows.length
    ? html`<table><thead><tr><th class="num">${c.seq}</th><th>${c.status}</th><th>${c.worker}</th><th class="num">${c.attempts}</th><th class="num">${c.pages}</th><th>${c.startedAt}</th><th>${c.endedAt}</th><th>${c.error}</th></tr></thead>
<tbody>${rows}</tbody></table>`
    : false
}</section>`;
}

export function runBody(r: RunView, shards: ShardOverview): SafeHtml {
  const t = zhCN.runs;
  const c = t.columns;
  const stats = parseStats(r.stats);
  const labels: Record<(typeof liveFigures)[number], string> = {
    pagesFetched: c.pages,
    pagesFailed: c.failed,
    entitiesChecked: c.entities,
    behavioursChecked: c.behaviours,
    newEntitiesFound: c.newEntities,
    findingsNew: c.findings,
  };
  return html`<h1>${t.detailTitle(r.id)} · ${r.sweep}</h1>
<section id="run-live" data-url="/runs/${r.id}/progress.json" data-status="${r.status}">
<p>${tag(r.status, runStatusName(r.status))} <span data-field="statusText" hidden></span> ${progress(r)} <span class="muted">${t.live}</span></p>
<div class="cards">${liveFigures.map(
    (key) =>
      html`<div class="card"><div class="figure" data-field="${key}">${r[key]}</div><div class="label">${labels[key]}</div></div>`,
  )}</div>
</section>
<dl>
<dt>${c.trigger}</dt><dd>${t.trigger[r.trigger] ?? r.trigger}</dd>
<dt>${c.createdAt}</dt><dd>${when(r.createdAt)}</dd>
<dt>${t.startedAt}</dt><dd>${when(r.startedAt)}</dd>
<dt>${t.endedAt}</dt><dd>${when(r.endedAt)}</dd>
${r.error ? html`<dt>${t.error}</dt><dd><pre>${r.error}</pre></dd>` : false}
</dl>
<div class="grid2"><section><h2>${t.errorsByKind}</h2>${countsTable(stats.errorsByKind ?? {}, (k) => k)}</section>
<section><h2>${t.findingsByCategory}</h2>${countsTable(stats.findingsByCategory ?? {}, categoryName)}</section></div>
${shardSection(shards)}`;
}
