// Debian's Chromium through playwright-core (never a downloaded browser), headless, with the
// host map applied through --host-resolver-rules so the browser reaches the same addresses as
// the HTTP fetchers. openRenderer() keeps one browser for many pages; renderPage() is the
// one-shot form. The crawlers keep their own browser with launchChromium().
import fs from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { PageError } from "../errors.ts";
import { chromiumResolverRules, type HostMap } from "../page/host-map.ts";

export const chromiumPath = process.env.REDSHIELD_CHROMIUM_PATH ?? "/usr/bin/chromium";

const baseArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export type LaunchOptions = { hostMap?: HostMap; launchTimeoutSecs?: number };

/** Starts a headless Chromium. The caller closes it. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const rules = chromiumResolverRules(options.hostMap ?? []);
  const args = rules ? [...baseArgs, `--host-resolver-rules=${rules}`] : baseArgs;
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args,
    timeout: (options.launchTimeoutSecs ?? 30) * 1000,
  });
}

export type RenderOptions = {
  /** Deadline for loading the page (navigation and scripts). */
  timeoutSecs?: number;
  /** Also take a full-page PNG screenshot. */
  screenshot?: boolean;
};

export type RenderedPage = { html: string; finalUrl: string; screenshot: Buffer | null };

export type Renderer = {
  /** Loads url and returns the DOM after scripts ran. */
  render(url: string, options?: RenderOptions): Promise<RenderedPage>;
  /**
   * Renders HTML that is already decoded (a local file): it is served at a private address,
   * and relative resources (scripts, styles) are read from assetsDir when given.
   */
  renderHtml(html: string, options?: RenderOptions & { assetsDir?: string }): Promise<RenderedPage>;
  close(): Promise<void>;
};

const localOrigin = "http://redshield-local.invalid";

function safeAsset(assetsDir: string, pathname: string): Buffer | null {
  const file = path.resolve(assetsDir, `.${decodeURIComponent(pathname)}`);
  if (!file.startsWith(path.resolve(assetsDir) + path.sep)) return null;
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}

async function capture(page: Page, url: string, options: RenderOptions): Promise<RenderedPage> {
  const timeout = (options.timeoutSecs ?? 30) * 1000;
  try {
    await page.goto(url, { waitUntil: "load", timeout });
  } catch (error) {
    throw new PageError("render_failed", `${url}: ${(error as Error).message.split("\n")[0]}`, true);
  }
  // Give late scripts a moment, but never more than the deadline allows.
  await page.waitForLoadState("networkidle", { timeout: Math.min(timeout, 3000) }).catch(() => {});
  const html = await page.content();
  const screenshot = options.screenshot
    ? await page.screenshot({ fullPage: true, type: "png", timeout })
    : null;
  return { html, finalUrl: page.url(), screenshot };
}

async function withPage<T>(context: BrowserContext, fn: (page: Page) => Promise<T>): Promise<T> {
  const page = await context.newPage();
  try {
    return await fn(page);
  } finally {
    await page.close().catch(() => {});
  }
}

/** One browser for several pages; close() when done. */
export async function openRenderer(options: LaunchOptions & { userAgent?: string } = {}): Promise<Renderer> {
  const browser = await launchChromium(options);
  const context = await browser.newContext({
    locale: "zh-CN",
    viewport: { width: 1280, height: 900 },
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  });
  return {
    render: (url, o = {}) => withPage(context, (page) => capture(page, url, o)),
    renderHtml: (html, o = {}) =>
      withPage(context, async (page) => {
        await page.route(`${localOrigin}/**`, async (route) => {
          const { pathname } = new URL(route.request().url());
          if (pathname === "/") {
            await route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html });
            return;
          }
          const asset = o.assetsDir ? safeAsset(o.assetsDir, pathname) : null;
          await (asset
            ? route.fulfill({ status: 200, body: asset })
            : route.fulfill({ status: 404, body: "" }));
        });
        return capture(page, `${localOrigin}/`, o);
      }),
    close: async () => {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
    },
  };
}

/** Loads url in a fresh headless Chromium and returns the DOM after scripts ran. */
export async function renderPage(
  url: string,
  options: RenderOptions & { hostMap?: HostMap; userAgent?: string } = {},
): Promise<RenderedPage> {
  const renderer = await openRenderer(options);
  try {
    return await renderer.render(url, options);
  } finally {
    await renderer.close();
  }
}
