// Debian's Chromium through playwright-core (never a downloaded browser), headless, with the
// host map applied through --host-resolver-rules so the browser reaches the same addresses as
// the HTTP fetchers. renderPage() is the one-shot form used by `redshield analyze --render`;
// the crawlers keep a browser open with launchChromium().
import { type Browser, chromium } from "playwright-core";
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
  hostMap?: HostMap;
  /** Deadline for loading the page (navigation and scripts). */
  timeoutSecs?: number;
  /** Also take a full-page PNG screenshot. */
  screenshot?: boolean;
  userAgent?: string;
};

export type RenderedPage = { html: string; finalUrl: string; screenshot: Buffer | null };

/** Loads url in a fresh headless Chromium and returns the DOM after scripts ran. */
export async function renderPage(url: string, options: RenderOptions = {}): Promise<RenderedPage> {
  const timeout = (options.timeoutSecs ?? 30) * 1000;
  const browser = await launchChromium({ hostMap: options.hostMap ?? [] });
  try {
    const context = await browser.newContext({
      locale: "zh-CN",
      viewport: { width: 1280, height: 900 },
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    });
    const page = await context.newPage();
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
  } finally {
    await browser.close().catch(() => {});
  }
}
