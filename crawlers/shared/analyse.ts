// The pure part of processing a page: bytes (or rendered HTML) in, extracted page and signal
// analysis out. Runs inline or in the analysis pool's worker threads.
import { decodeBody, type ExtractedPage, extractPage } from "../../src/page/index.ts";
import type { analyzePage, PageAnalysis, RulePacks } from "../../src/signals/index.ts";

export type AnalysisRequest = { body: Uint8Array; contentType: string; url: string; renderedHtml?: string };
export type AnalysisResult = { html: string; charset: string; page: ExtractedPage; analysis: PageAnalysis };

export function analyseBytes(
  req: AnalysisRequest,
  packs: RulePacks,
  analyze: typeof analyzePage,
): AnalysisResult {
  const decoded =
    req.renderedHtml === undefined
      ? decodeBody(req.body, req.contentType)
      : { text: req.renderedHtml, charset: "utf-8" };
  const page = extractPage(decoded.text, req.url);
  return { html: decoded.text, charset: decoded.charset, page, analysis: analyze(page, packs) };
}
