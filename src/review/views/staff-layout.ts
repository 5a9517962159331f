// The frame of every staff page: masthead with the navigation and the signed-in user, the page,
// and the scripts it asks for (external files only: the policy forbids inline script).
import type { StaffSession } from "../auth/sessions.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { csrfInput } from "./forms.ts";
import { roleName } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";
import { documentHead } from "./layout.ts";

export const staffStylesheetPath = "/assets/staff.css";

export type NavKey = "dashboard" | "findings" | "leads" | "entities" | "runs" | "exports" | "admin";

export type StaffFrame = {
  title: string;
  bureauName: string;
  staff: StaffSession;
  body: SafeHtml;
  active?: NavKey;
  /** Script file names under /assets/js/. */
  scripts?: string[];
  /** A message shown above the page (e.g. after an action). */
  notice?: string;
};

const navLinks: [NavKey, string][] = [
  ["dashboard", "/"],
  ["findings", "/findings"],
  ["leads", "/leads"],
  ["entities", "/entities"],
  ["runs", "/runs"],
  ["exports", "/exports"],
  ["admin", "/admin"],
];

function nav(frame: StaffFrame): SafeHtml {
  const links = navLinks.filter(([key]) => key !== "admin" || frame.staff.user.role === "admin");
  return html`<nav class="nav">${links.map(
    ([key, href]) =>
      html`<a href="${href}"${key === frame.active ? html` class="active" aria-current="page"` : false}>${zhCN.nav[key]}</a>`,
  )}</nav>`;
}

function userBox(staff: StaffSession): SafeHtml {
  return html`<div class="user"><span>${zhCN.nav.signedInAs(staff.user.name, roleName(staff.user.role))}</span>
<form method="post" action="/logout" class="inline">${csrfInput(staff)}<button type="submit" class="link">${zhCN.nav.logout}</button></form></div>`;
}

export function staffPage(frame: StaffFrame): string {
  const extra = html`<link rel="stylesheet" href="${staffStylesheetPath}">
${(frame.scripts ?? []).map((s) => html`<script src="/assets/js/${s}" defer></script>\n`)}`;
  return html`${documentHead(`${frame.title} - ${zhCN.staffSiteName}`, extra)}
<body class="staff">
<header class="masthead"><div class="wide"><span class="brand">${zhCN.staffSiteName}</span>${nav(frame)}${userBox(frame.staff)}</div></header>
<main class="wide">
${frame.notice ? html`<p class="flash" role="status">${frame.notice}</p>` : false}
${frame.body}
</main>
<footer class="wide">${zhCN.footer(frame.bureauName)}</footer>
</body>
</html>
`.value;
}

/** A staff page carrying one message (refusals, input errors), with a way back. */
export function staffMessage(
  frame: Omit<StaffFrame, "body">,
  text: { title: string; message: string; back?: string },
): string {
  const body = html`<section class="notice"><h1>${text.title}</h1><p>${text.message}</p><p><a href="${text.back ?? "/"}" class="back">${zhCN.errors.back}</a></p></section>`;
  return staffPage({ ...frame, body });
}
