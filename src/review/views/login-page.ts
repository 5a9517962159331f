// The sign-in page: name, password, where to go afterwards, and the form token that ties the
// post to this page (a login form posted from another site is refused).
import { zhCN } from "../i18n/zh-CN.ts";
import { html } from "./html.ts";
import { layout } from "./layout.ts";

export type LoginView = {
  bureauName: string;
  formToken: string;
  next: string;
  name?: string;
  message?: string;
  isError?: boolean;
};

export function loginPage(view: LoginView): string {
  const t = zhCN.login;
  const message = view.message
    ? html`<p class="${view.isError ? "error" : "flash"}" role="alert">${view.message}</p>`
    : false;
  const body = html`<section class="login">
<h1>${t.title}</h1>
${message}
<form method="post" action="/login" class="stack" id="login-form">
<input type="hidden" name="_csrf" value="${view.formToken}">
<input type="hidden" name="next" value="${view.next}">
<label>${t.name}<input name="name" autocomplete="username" required maxlength="32" value="${view.name ?? ""}"></label>
<label>${t.password}<input name="password" type="password" autocomplete="current-password" required maxlength="1024"></label>
<button type="submit" class="primary">${t.submit}</button>
</form>
</section>`;
  return layout({ title: t.title, bureauName: view.bureauName, body });
}
