// Administration: register upload (and its report), e-labels (issue, revoke, list) and the staff
// accounts. Only administrators reach these pages.
import type { LabelSummary } from "../../labels/index.ts";
import type { ImportReport } from "../../registry/index.ts";
import type { UserSummary } from "../../users/index.ts";
import type { StaffSession } from "../auth/sessions.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { roleName, when } from "./format.ts";
import { csrfInput, inputField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";

export const maxProblemsShown = 500;

function registerForm(staff: StaffSession): SafeHtml {
  const t = zhCN.admin;
  return html`<h2 id="register">${t.register}</h2><p class="muted">${t.registerHint}</p>
<form method="post" action="/admin/register" enctype="multipart/form-data" class="stack" id="register-upload">${csrfInput(staff)}
<label>${t.file}<input type="file" name="file" accept=".csv,.xlsx" required></label>
<label><span><input type="checkbox" name="skipInvalid" value="1"> ${t.skipInvalid}</span></label>
<label><span><input type="checkbox" name="dryRun" value="1"> ${t.dryRun}</span></label>
<div><button type="submit" class="primary">${t.upload}</button></div></form>`;
}

function labelRows(staff: StaffSession, labels: LabelSummary[]): SafeHtml {
  const c = zhCN.entities.labelColumns;
  const t = zhCN.admin;
  const rows = labels.map((l) => {
    const revoke =
      l.status === "valid"
        ? html`<form method="post" action="/admin/labels/${l.serial}/revoke" class="inline">${csrfInput(staff)}<input name="reason" required maxlength="200" placeholder="${t.revokeReason}" aria-label="${t.revokeReason}"><button type="submit" class="danger">${t.revoke}</button></form>`
        : false;
    return html`<tr><td><a href="/verify/${l.serial}">${l.serial}</a></td><td><a href="/entities/${l.uscc}">${l.holderName}</a></td><td>${l.domains.join("；")}</td>
<td>${zhCN.labelStatus[l.status]}</td><td>${l.issuedOn}</td><td>${l.expiresOn}</td><td>${revoke}</td></tr>`;
  });
  return html`<table id="labels-table"><thead><tr><th>${c.serial}</th><th>${zhCN.entities.columns.name}</th><th>${c.domains}</th><th>${c.status}</th><th>${c.issuedOn}</th><th>${c.expiresOn}</th><th></th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="7">${zhCN.common.noRows}</td></tr>`}</tbody></table>`;
}

function labelsSection(staff: StaffSession, labels: LabelSummary[]): SafeHtml {
  const t = zhCN.admin;
  return html`<h2 id="labels">${t.labels}</h2>
<form method="post" action="/admin/labels" class="filters" id="issue-label">${csrfInput(staff)}
${inputField("uscc", t.uscc, "")}${inputField("domains", t.domains, "")}${inputField("expires", t.expires, "")}
<button type="submit" class="primary">${t.issue}</button></form>
${labelRows(staff, labels)}`;
}

function usersSection(users: UserSummary[]): SafeHtml {
  const t = zhCN.admin;
  const c = t.userColumns;
  return html`<h2 id="users">${t.users}</h2><p class="muted">${t.usersHint}</p>
<table><thead><tr><th>${c.name}</th><th>${c.role}</th><th>${c.createdAt}</th><th>${c.state}</th></tr></thead><tbody>${users.map(
    (u) =>
      html`<tr><td>${u.name}</td><td>${roleName(u.role)}</td><td>${when(u.createdAt)}</td><td>${u.disabledAt ? t.disabled : t.enabled}</td></tr>`,
  )}</tbody></table>`;
}

export function adminBody(staff: StaffSession, labels: LabelSummary[], users: UserSummary[]): SafeHtml {
  return html`<h1>${zhCN.admin.title}</h1>${registerForm(staff)}${labelsSection(staff, labels)}${usersSection(users)}`;
}

export function importReportBody(report: ImportReport): SafeHtml {
  const t = zhCN.admin;
  const c = t.problemColumns;
  const problems = report.problems.slice(0, maxProblemsShown);
  const table = problems.length
    ? html`<table id="import-problems"><thead><tr><th>${c.line}</th><th>${c.column}</th><th>${c.reason}</th></tr></thead><tbody>${problems.map(
        (p) => html`<tr><td class="num">${p.line}</td><td>${p.column}</td><td>${p.reason}</td></tr>`,
      )}</tbody></table>`
    : false;
  return html`<h1>${t.register}</h1>
<p class="${report.outcome === "rejected" ? "error" : "flash"}" id="import-outcome" data-outcome="${report.outcome}">${t.outcome[report.outcome] ?? report.outcome}</p>
<p>${t.report(report.rows, report.created, report.updated, report.unchanged, report.invalid)}</p>
${table}
<p><a href="/admin">${zhCN.errors.back}</a></p>`;
}
