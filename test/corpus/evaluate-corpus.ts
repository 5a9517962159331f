// Runs the labelled corpus (labels.yaml + pages/) through decoding, extraction and the engine,
// and scores each category: precision = TP / (TP + FP), recall = TP / (TP + FN), per page.
// Pages marked render: true are loaded in Chromium first (text written by scripts).
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { openRenderer, type Renderer } from "../../src/browser/launch.ts";
import { decodeBody } from "../../src/page/index.ts";
import { analyzeHtml, type PageAnalysis, type RulePacks } from "../../src/signals/index.ts";

export const corpusDir = path.resolve(import.meta.dirname);

export type LabelledPage = {
  file: string;
  url: string;
  categories: string[];
  render?: boolean;
  note?: string;
};

export type PageResult = {
  page: LabelledPage;
  predicted: string[];
  charset: string;
  analysis: PageAnalysis;
};

export type CategoryScore = {
  category: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
};

export function loadLabels(): LabelledPage[] {
  return parse(fs.readFileSync(path.join(corpusDir, "labels.yaml"), "utf8")) as LabelledPage[];
}

/** Decodes (and for render: true pages renders) one page, then analyses it. */
export async function runPage(
  page: LabelledPage,
  packs: RulePacks,
  renderer: Renderer | null,
): Promise<PageResult> {
  const decoded = decodeBody(fs.readFileSync(path.join(corpusDir, "pages", page.file)), null);
  let html = decoded.text;
  if (page.render) {
    if (!renderer) throw new Error(`${page.file} needs a browser`);
    html = (await renderer.renderHtml(html, { timeoutSecs: 20 })).html;
  }
  const analysis = analyzeHtml(html, page.url, packs);
  const predicted = [...new Set(analysis.findings.map((f) => f.category))].sort();
  return { page, predicted, charset: decoded.charset, analysis };
}

export async function runCorpus(packs: RulePacks): Promise<PageResult[]> {
  const labels = loadLabels();
  const renderer = labels.some((p) => p.render) ? await openRenderer() : null;
  try {
    const results: PageResult[] = [];
    for (const page of labels) results.push(await runPage(page, packs, renderer));
    return results;
  } finally {
    await renderer?.close();
  }
}

export function score(results: readonly PageResult[], categories: readonly string[]): CategoryScore[] {
  return categories.map((category) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const r of results) {
      const labelled = r.page.categories.includes(category);
      const found = r.predicted.includes(category);
      if (labelled && found) tp++;
      else if (found) fp++;
      else if (labelled) fn++;
    }
    return {
      category,
      tp,
      fp,
      fn,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    };
  });
}
