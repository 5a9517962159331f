// The page frame shared by every page: header with the bureau's name, main content, footer.
// Styles come from /assets/site.css (the CSP forbids inline styles); pages need no script.
import { zhCN } from "../i18n/zh-CN.ts";
import { html, type SafeHtml } from "./html.ts";

export const stylesheetPath = "/assets/site.css";

export type PageFrame = { title: string; bureauName: string; body: SafeHtml };

/** The start of every page up to <body>: language, charset, no indexing, the site stylesheet. */
export function documentHead(title: string, extra: SafeHtml | false = false): SafeHtml {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="stylesheet" href="${stylesheetPath}">
${extra}</head>`;
}

export function layout(page: PageFrame): string {
  return html`${documentHead(`${page.title} - ${zhCN.siteName}`)}
<body>
<header class="masthead"><div class="wrap"><span class="brand">${zhCN.siteName}</span><span class="bureau">${page.bureauName}</span></div></header>
<main class="wrap">
${page.body}
</main>
<footer class="wrap">${zhCN.footer(page.bureauName)}</footer>
</body>
</html>
`.value;
}

/** A page with a heading and one paragraph: not found, errors. */
export function messagePage(frame: { title: string; bureauName: string; message: string }): string {
  const body = html`<section class="notice"><h1>${frame.title}</h1><p>${frame.message}</p></section>`;
  return layout({ title: frame.title, bureauName: frame.bureauName, body });
}
