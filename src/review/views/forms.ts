// Form pieces used across the staff pages. Every POST form carries the session's CSRF token.
import type { StaffSession } from "../auth/sessions.ts";
import { html, type SafeHtml } from "./html.ts";

export type Option = readonly [value: string, text: string];

export function csrfInput(staff: StaffSession): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${staff.csrfToken}">`;
}

export function selectField(
  name: string,
  label: string,
  options: readonly Option[],
  selected: string,
  all?: string,
): SafeHtml {
  const first = all === undefined ? false : html`<option value="">${all}</option>`;
  return html`<label>${label}<select name="${name}">${first}${options.map(
    ([value, text]) =>
      html`<option value="${value}"${value === selected ? html` selected` : false}>${text}</option>`,
  )}</select></label>`;
}

export function inputField(
  name: string,
  label: string,
  value: string,
  type = "text",
  extra: SafeHtml | false = false,
): SafeHtml {
  return html`<label>${label}<input type="${type}" name="${name}" value="${value}"${extra}></label>`;
}

/** A one-button form posting to action, with hidden fields. */
export function postButton(
  staff: StaffSession,
  action: string,
  label: string,
  hidden: Record<string, string> = {},
  className = "",
): SafeHtml {
  return html`<form method="post" action="${action}" class="inline">${csrfInput(staff)}${Object.entries(
    hidden,
  ).map(
    ([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`,
  )}<button type="submit" class="${className}">${label}</button></form>`;
}
