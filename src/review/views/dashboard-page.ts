// The dashboard: the period figures of the bureau's reports for a chosen date range, charts of
// findings by category, status and region and of new findings per day (Chart.js, drawn by
// /assets/js/dashboard.js from data attributes; the tables below each chart carry the same
// numbers without script), and the latest runs.
import type { Count, DashboardData, DateRange, PeriodFigures } from "../data/dashboard.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { categoryName, findingStatusName, runStatusName, tag, when } from "./format.ts";
import { inputField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";

type ChartSpec = { type: "bar" | "doughnut" | "line"; label: string; labels: string[]; values: number[] };

function chart(id: string, spec: ChartSpec): SafeHtml {
  return html`<div class="chart"><canvas id="${id}" data-chart="${JSON.stringify(spec)}" role="img" aria-label="${spec.label}"></canvas></div>`;
}

function countTable(counts: Count[], name: (key: string) => string): SafeHtml {
  const rows = counts.length
    ? counts.map((c) => html`<tr><td>${name(c.key)}</td><td class="num">${c.count}</td></tr>`)
    : html`<tr><td colspan="2">${zhCN.common.noRows}</td></tr>`;
  return html`<details><summary>${zhCN.dashboard.count}</summary><table><tbody>${rows}</tbody></table></details>`;
}

function countPanel(
  id: string,
  title: string,
  type: ChartSpec["type"],
  counts: Count[],
  name: (key: string) => string,
): SafeHtml {
  const spec: ChartSpec = {
    type,
    label: title,
    labels: counts.map((c) => name(c.key)),
    values: counts.map((c) => c.count),
  };
  return html`<section><h2>${title}</h2>${chart(id, spec)}${countTable(counts, name)}</section>`;
}

function figureCards(f: PeriodFigures): SafeHtml {
  const t = zhCN.dashboard.figures;
  const cards: [keyof PeriodFigures, string][] = [
    ["entitiesChecked", t.entitiesChecked],
    ["behavioursChecked", t.behavioursChecked],
    ["newEntitiesFound", t.newEntitiesFound],
    ["findingsNew", t.findingsNew],
    ["labelsIssued", t.labelsIssued],
    ["leadsHandedOver", t.leadsHandedOver],
  ];
  return html`<div class="cards" id="period-figures">${cards.map(
    ([key, label]) =>
      html`<div class="card" data-figure="${key}"><div class="figure">${f[key]}</div><div class="label">${label}</div></div>`,
  )}</div>`;
}

function runsTable(data: DashboardData): SafeHtml {
  const c = zhCN.runs.columns;
  const rows = data.runs.map(
    (
      r,
    ) => html`<tr><td><a href="/runs/${r.id}">#${r.id}</a></td><td>${r.sweep}</td><td>${tag(r.status, runStatusName(r.status))}</td>
<td>${when(r.createdAt)}</td><td class="num">${r.pagesFetched}</td><td class="num">${r.findingsNew}</td></tr>`,
  );
  return html`<table><thead><tr><th>${c.id}</th><th>${c.sweep}</th><th>${c.status}</th><th>${c.createdAt}</th><th class="num">${c.pages}</th><th class="num">${c.findings}</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="6">${zhCN.common.noRows}</td></tr>`}</tbody></table>`;
}

export function dashboardBody(data: DashboardData, range: DateRange): SafeHtml {
  const t = zhCN.dashboard;
  const trend: ChartSpec = {
    type: "line",
    label: t.trendSeries,
    labels: data.trend.map((d) => d.key.slice(5)),
    values: data.trend.map((d) => d.count),
  };
  const region = (key: string) => key || t.noRegion;
  return html`<h1>${t.title}</h1>
<form method="get" action="/" class="filters" id="period-form">
<strong>${t.period}</strong>${inputField("from", zhCN.common.from, range.from, "date")}${inputField("to", zhCN.common.to, range.to, "date")}
<button type="submit" class="primary">${zhCN.common.apply}</button></form>
<h2>${t.periodFigures}（${range.from} 至 ${range.to}）</h2>
${figureCards(data.figures)}
<section><h2>${t.trend}</h2>${chart("chart-trend", trend)}</section>
<div class="grid2">
${countPanel("chart-category", t.byCategory, "bar", data.byCategory, categoryName)}
${countPanel("chart-status", t.byStatus, "doughnut", data.byStatus, findingStatusName)}
${countPanel("chart-region", t.byRegion, "bar", data.byRegion, region)}
<section><h2>${t.latestRuns}</h2>${runsTable(data)}</section>
</div>`;
}
