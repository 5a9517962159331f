// The evidence of a finding, shown so that nothing from the crawled page can act in the
// reviewer's session: the page text as escaped plain text, the screenshot as an image, and the
// original HTML only inside a sandboxed frame (no scripts, opaque origin) loaded from a separate
// path that carries its own sandbox policy.
import type { CaptureView, FindingDetail } from "../data/finding-detail.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { prettyJson, when } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";

export function evidenceUrl(sha256: string): string {
  return `/evidence/${sha256}`;
}

export function originalPageUrl(captureId: number): string {
  return `/captures/${captureId}/original`;
}

function digests(c: CaptureView): SafeHtml {
  const k = zhCN.finding.digestKinds;
  const items: [string, string][] = [
    [k.body, c.bodySha256],
    [k.headers, c.headersSha256],
    [k.text, c.textSha256],
    [k.screenshot, c.screenshotSha256],
  ];
  return html`<table class="digests"><tbody>${items
    .filter(([, sha]) => sha)
    .map(
      ([label, sha]) =>
        html`<tr><th>${label}</th><td><a class="digest" href="${evidenceUrl(sha)}">${sha}</a></td></tr>`,
    )}</tbody></table>`;
}

function screenshot(c: CaptureView): SafeHtml {
  const t = zhCN.finding;
  if (!c.screenshotSha256) return html`<p class="muted">${t.noScreenshot}</p>`;
  return html`<img class="screenshot" src="${evidenceUrl(c.screenshotSha256)}" alt="${t.screenshot}" loading="lazy">`;
}

export function evidenceSection(
  f: FindingDetail,
  pageText: { text: string; truncated: boolean } | null,
): SafeHtml {
  const t = zhCN.finding;
  const c = f.capture;
  if (!c) return html`<h2>${t.evidence}</h2><p class="muted">${t.noCapture}</p>`;
  const text = pageText
    ? html`<h3>${t.pageText}</h3><pre id="page-text">${pageText.text}</pre>${pageText.truncated ? html`<p class="muted">${t.textTruncated}</p>` : false}`
    : false;
  return html`<h2>${t.evidence}</h2>
<dl>
<dt>${t.capturedAt}</dt><dd>${when(c.fetchedAt)}（${c.fetchedAt.toISOString()}）</dd>
<dt>${t.finalUrl}</dt><dd><code>${c.finalUrl}</code></dd>
<dt>${t.httpStatus}</dt><dd>${c.httpStatus}</dd>
<dt>${t.mode}</dt><dd>${t.modes[c.mode] ?? c.mode}</dd>
</dl>
<h3>${t.digests}</h3>${digests(c)}
<h3>${t.screenshot}</h3>${screenshot(c)}
${text}
<h3>${t.original}</h3>
<iframe class="evidence" id="original-page" sandbox="" referrerpolicy="no-referrer" src="${originalPageUrl(c.id)}" title="${t.originalFrameTitle}"></iframe>
<p><a href="${evidenceUrl(c.bodySha256)}" download>${t.downloadOriginal}</a></p>
<h3>${t.provenance}</h3><pre>${prettyJson(c.provenance)}</pre>`;
}
