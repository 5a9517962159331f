// Runs one rule-pack example through the real extraction and engine. Text examples become a
// small HTML page (one paragraph per line); examples that start with "<" are HTML already.
import { analyzeHtml, type PageAnalysis, type RulePacks } from "../../src/signals/index.ts";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function exampleHtml(example: string): string {
  if (example.trimStart().startsWith("<")) return example;
  const paragraphs = example.split("\n").map((line) => `<p>${escapeHtml(line)}</p>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title></title></head><body>${paragraphs.join("")}</body></html>`;
}

export function analyseExample(example: string, packs: RulePacks): PageAnalysis {
  return analyzeHtml(exampleHtml(example), "https://example.cn/", packs);
}
