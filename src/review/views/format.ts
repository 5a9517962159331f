// Small formatting helpers shared by the staff pages: dates in Beijing time, Chinese names of
// stable ids (falling back to the id itself for a value added later), and the marked excerpt.
import { chinaDate, chinaDateTime } from "../../labels/index.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { html, type SafeHtml } from "./html.ts";

export function when(instant: Date | null | undefined): string {
  return instant ? chinaDateTime(instant) : "—";
}

export function day(instant: Date | null | undefined): string {
  return instant ? chinaDate(instant) : "—";
}

function named(table: Record<string, string>, id: string): string {
  return table[id] ?? id;
}

export const categoryName = (id: string) => named(zhCN.categories, id);
export const findingStatusName = (id: string) => named(zhCN.findingStatus, id);
export const severityName = (id: string) => named(zhCN.severity, id);
export const leadStatusName = (id: string) => named(zhCN.leadStatus, id);
export const runStatusName = (id: string) => named(zhCN.runStatus, id);
export const roleName = (id: string) => named(zhCN.roles, id);

/** A status word in a coloured tag, e.g. <span class="tag tag-new">待审核</span>. */
export function tag(kind: string, text: string): SafeHtml {
  return html`<span class="tag tag-${kind}">${text}</span>`;
}

/**
 * An excerpt with the matched words (marked 【…】 by the signals engine) in <mark>. Everything is
 * escaped: crawled text can never become markup.
 */
export function markedExcerpt(excerpt: string): SafeHtml {
  const parts: SafeHtml[] = [];
  let last = 0;
  for (const m of excerpt.matchAll(/【([^】]*)】/g)) {
    parts.push(html`${excerpt.slice(last, m.index)}<mark>${m[1]}</mark>`);
    last = m.index + m[0].length;
  }
  parts.push(html`${excerpt.slice(last)}`);
  return html`${parts}`;
}

/** Pretty JSON for display (escaped by the template); the raw text when it does not parse. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
