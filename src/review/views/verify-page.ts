// The public verification page of a label: status first and unmistakable (colour, symbol and
// word), then the holder's details, then what the label does and does not prove.
import { badgeHeightPx, badgeImageUrl, badgeWidthPx, type LabelVerification } from "../../labels/index.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { html, type SafeHtml } from "./html.ts";
import { layout } from "./layout.ts";

type Issued = Exclude<LabelVerification, { status: "not_issued" }>;
type PageContext = { bureauName: string; checkedAt: string };

const statusMarks: Record<LabelVerification["status"], string> = {
  valid: "✓",
  expired: "!",
  revoked: "✕",
  not_issued: "?",
};

function statusBox(status: LabelVerification["status"], title: string, text: string): SafeHtml {
  return html`<section class="status status-${status}" data-status="${status}">
<span class="status-mark" aria-hidden="true">${statusMarks[status]}</span>
<div><h1>${title}</h1><p>${text}</p></div>
</section>`;
}

function explanation(label: Issued, bureauName: string): string {
  const explain = zhCN.verify.explain;
  return label.status === "valid" ? explain.valid(bureauName) : explain[label.status];
}

function details(label: Issued): SafeHtml {
  const f = zhCN.verify.fields;
  return html`<dl>
<dt>${f.serial}</dt><dd>${label.serial}</dd>
<dt>${f.holder}</dt><dd>${label.holderName}</dd>
<dt>${f.uscc}</dt><dd>${label.usccMasked}${zhCN.verify.usccMaskedNote}</dd>
<dt>${f.domains}</dt><dd><ul>${label.domains.map((d) => html`<li>${d}</li>`)}</ul></dd>
<dt>${f.issuedOn}</dt><dd>${label.issuedOn}</dd>
<dt>${f.expiresOn}</dt><dd>${label.expiresOn}</dd>
${label.revokedOn ? html`<dt>${f.revokedOn}</dt><dd>${label.revokedOn}</dd>` : false}
</dl>`;
}

export function verifyPage(label: LabelVerification, context: PageContext): string {
  if (label.status === "not_issued") return notIssuedPage(label.serial, context);
  const statusText = zhCN.labelStatus[label.status];
  const body = html`${statusBox(label.status, zhCN.verify.statusHeading(statusText), explanation(label, context.bureauName))}
<div class="badge"><img src="${badgeImageUrl("", label.serial)}" alt="${zhCN.badge.title}" width="${badgeWidthPx}" height="${badgeHeightPx}"></div>
${details(label)}
<p class="note">${zhCN.verify.domainCheck}</p>
<p class="note">${zhCN.verify.disclaimer}</p>
<p class="note">${zhCN.verify.report(context.bureauName)}</p>
<p class="note">${zhCN.verify.checkedAt(context.checkedAt)}</p>`;
  return layout({ title: zhCN.verify.pageTitle(label.serial), bureauName: context.bureauName, body });
}

function notIssuedPage(serial: string, context: PageContext): string {
  const title = zhCN.verify.notIssuedTitle;
  const body = html`${statusBox("not_issued", title, zhCN.verify.notIssuedBody(serial))}
<p class="note">${zhCN.verify.report(context.bureauName)}</p>
<p class="note">${zhCN.verify.checkedAt(context.checkedAt)}</p>`;
  return layout({ title, bureauName: context.bureauName, body });
}
