// A tiny HTML template: html`<p>${value}</p>` escapes every interpolated value unless it is itself
// the result of html`...` (already safe). Arrays are joined; null, undefined and false print nothing.
// There is no other way to put text into a page, so nothing reaches it unescaped.

import { escapeHtml } from "../../escape-html.ts";

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export { escapeHtml };

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}
