// One headless Debian Chromium per shard, opened only when needed (browser mode, pages built by
// scripts, screenshots of pages with findings). The host map applies through
// --host-resolver-rules, so the browser reaches the same addresses as the HTTP fetcher.
// A few pages at a time (8: a rendered page mostly waits for its network to go quiet, so 8 gave
// about 1.3x the pages/s of 4 on the 2-core bench machine; a browser page still costs far more
// than an HTTP request).
import { launchChromium } from "../../src/browser/launch.ts";
import type { HostMap } from "../../src/page/host-map.ts";

export type BrowserSession = {
  render(url: string): Promise<string>;
  screenshot(url: string): Promise<Buffer | null>;
  close(): Promise<void>;
};

export async function openBrowserSession(o: {
  hostMap: HostMap;
  userAgent: string;
  pageTimeoutSecs: number;
  maxPages?: number;
}): Promise<BrowserSession> {
  const browser = await launchChromium({ hostMap: o.hostMap });
  const context = await browser.newContext({
    userAgent: o.userAgent,
    locale: "zh-CN",
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: true,
  });
  const slots = new Semaphore(o.maxPages ?? 8);
  const timeout = o.pageTimeoutSecs * 1000;
  // Evidence matters more than speed: a screenshot may take longer than a fetch.
  const shotTimeout = Math.max(timeout, 20_000);
  const withPage = async <T>(
    url: string,
    fn: (page: Awaited<ReturnType<typeof context.newPage>>) => Promise<T>,
    timeout: number,
  ): Promise<T> =>
    slots.run(async () => {
      const page = await context.newPage();
      try {
        await page.goto(url, { waitUntil: "load", timeout });
        await page.waitForLoadState("networkidle", { timeout: Math.min(timeout, 3000) }).catch(() => {});
        return await fn(page);
      } finally {
        await page.close().catch(() => {});
      }
    });
  return {
    render: (url) => withPage(url, (page) => page.content(), timeout),
    screenshot: (url) =>
      withPage(
        url,
        (page) => page.screenshot({ fullPage: true, timeout: shotTimeout, type: "png" }),
        shotTimeout,
      ).catch(() => null),
    close: async () => {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
    },
  };
}

class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  constructor(private readonly size: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    while (this.active >= this.size) await new Promise<void>((r) => this.waiters.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiters.shift()?.();
    }
  }
}
