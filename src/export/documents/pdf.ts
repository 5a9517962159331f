// Renders document HTML to PDF with Debian's Chromium (src/browser/launch.ts). One browser serves
// every document of a bundle; scripts are off and every network request is refused, so the
// documents show only what the HTML carries (crawled text in them is escaped, never run).
import type { Browser, BrowserContext } from "playwright-core";
import { launchChromium } from "../../browser/launch.ts";

// GB/T 9704: 天头 37 mm, 订口 28 mm, text block 156 × 225 mm on A4 (210 × 297 mm).
const margin = { top: "37mm", left: "28mm", right: "26mm", bottom: "35mm" };

export type PdfRenderer = {
  /** "Chromium 131.0…": printed nowhere, recorded in the manifest. */
  readonly version: string;
  render(html: string, footerTemplate: string): Promise<Buffer>;
  close(): Promise<void>;
};

export async function openPdfRenderer(): Promise<PdfRenderer> {
  const browser: Browser = await launchChromium();
  let context: BrowserContext;
  try {
    context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
    await context.route("**/*", (route) => route.abort());
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  }
  return {
    version: `Chromium ${browser.version()}`,
    async render(html, footerTemplate) {
      const page = await context.newPage();
      try {
        await page.setContent(html, { waitUntil: "load", timeout: 30_000 });
        return await page.pdf({
          format: "A4",
          margin,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: "<span></span>",
          footerTemplate,
        });
      } finally {
        await page.close().catch(() => {});
      }
    },
    async close() {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
    },
  };
}
