// `redshield analyze FILE|URL... [--json] [--render]`: run the rule packs over pages and print
// the findings with their legal basis. Every input is analysed even when another one fails; a
// failed input is reported on its own and the command then ends with exit code 2.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { openRenderer, type Renderer } from "../browser/launch.ts";
import { loadEnv } from "../config/env.ts";
import { ExitCode, RedshieldError } from "../errors.ts";
import { parseHostMap } from "../page/host-map.ts";
import { decodeBody, fetchOne, looksBinary } from "../page/index.ts";
import { analyzeHtml, loadRulePacks, type PageAnalysis, type RulePacks } from "../signals/index.ts";
import { action } from "./run.ts";

type Options = { json?: boolean; render?: boolean; timeoutSecs: string; maxBytes: string };

type Loaded = { html: string; url: string; charset: string };

export type AnalyzeResult = {
  input: string;
  url?: string;
  charset?: string;
  findings: Pick<
    PageAnalysis["findings"][number],
    "category" | "rule" | "severity" | "score" | "excerpt" | "basis" | "details"
  >[];
  context?: Pick<
    PageAnalysis["context"],
    "isShop" | "showsLicence" | "isNews" | "isRegulatorOrCourt" | "isWarning"
  >;
  error?: string;
};

type Settings = {
  hostMap: ReturnType<typeof parseHostMap>;
  timeoutSecs: number;
  maxBytes: number;
  renderer: Renderer | null;
};

const htmlTypes = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

class InputProblem extends RedshieldError {}

/** Decoded text, refusing what is not a web page (images, archives, undecodable bytes). */
function decodeText(
  bytes: Uint8Array,
  contentType: string | null,
  what: string,
): { text: string; charset: string } {
  if (bytes.length === 0) throw new InputProblem(`${what}: empty (0 bytes)`, `${what}：内容为空`);
  if (looksBinary(bytes))
    throw new InputProblem(`${what}: binary data, not an HTML page`, `${what}：二进制内容，不是网页`);
  const decoded = decodeBody(bytes, contentType);
  const replaced = decoded.text.match(/\uFFFD/g)?.length ?? 0;
  if (replaced > 20 && replaced / decoded.text.length > 0.05) {
    throw new InputProblem(
      `${what}: cannot be decoded as text (${decoded.charset})`,
      `${what}：无法识别字符编码`,
    );
  }
  return decoded;
}

async function loadUrl(input: string, s: Settings): Promise<Loaded> {
  if (s.renderer) {
    const rendered = await s.renderer.render(input, { timeoutSecs: s.timeoutSecs });
    return { html: rendered.html, url: rendered.finalUrl, charset: "rendered" };
  }
  const page = await fetchOne(input, {
    hostMap: s.hostMap,
    timeoutSecs: s.timeoutSecs,
    maxBodyBytes: s.maxBytes,
  });
  if (page.status >= 400)
    throw new InputProblem(`${input}: HTTP ${page.status}`, `${input}：服务器返回 ${page.status}`);
  if (page.contentType && !htmlTypes.test(page.contentType)) {
    throw new InputProblem(
      `${input}: not an HTML page (${page.contentType})`,
      `${input}：不是网页（${page.contentType}）`,
    );
  }
  const decoded = decodeText(page.body, page.contentType, input);
  return { html: decoded.text, url: page.finalUrl, charset: decoded.charset };
}

async function loadFile(input: string, s: Settings): Promise<Loaded> {
  const file = path.resolve(input);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new InputProblem(`${input}: no such file`, `${input}：文件不存在`);
  if (stat.size > s.maxBytes) {
    throw new InputProblem(
      `${input}: larger than ${s.maxBytes} bytes`,
      `${input}：文件过大（超过 ${s.maxBytes} 字节）`,
    );
  }
  const decoded = decodeText(fs.readFileSync(file), null, input);
  const url = pathToFileURL(file).href;
  if (!s.renderer) return { html: decoded.text, url, charset: decoded.charset };
  const rendered = await s.renderer.renderHtml(decoded.text, {
    timeoutSecs: s.timeoutSecs,
    assetsDir: path.dirname(file),
  });
  return { html: rendered.html, url, charset: `${decoded.charset}, rendered` };
}

async function analyseInput(input: string, packs: RulePacks, s: Settings): Promise<AnalyzeResult> {
  try {
    const loaded = /^https?:\/\//i.test(input) ? await loadUrl(input, s) : await loadFile(input, s);
    const analysis = analyzeHtml(loaded.html, loaded.url, packs);
    const { isShop, showsLicence, isNews, isRegulatorOrCourt, isWarning } = analysis.context;
    return {
      input,
      url: loaded.url,
      charset: loaded.charset,
      findings: analysis.findings.map(({ category, rule, severity, score, excerpt, basis, details }) => ({
        category,
        rule,
        severity,
        score,
        excerpt,
        basis,
        ...(details ? { details } : {}),
      })),
      context: { isShop, showsLicence, isNews, isRegulatorOrCourt, isWarning },
    };
  } catch (error) {
    const message = error instanceof RedshieldError ? error.message : `${input}: ${(error as Error).message}`;
    return { input, findings: [], error: message };
  }
}

const severityText = { high: "高 high", medium: "中 medium", low: "低 low" } as const;

function printReport(results: AnalyzeResult[], packs: RulePacks): void {
  const titles = new Map(packs.packs.map((p) => [p.pack.category, p.pack.title]));
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`== ${r.input}${r.charset ? `  (${r.charset})` : ""}`);
    if (r.error) {
      lines.push(`  错误 error: ${r.error}`, "");
      continue;
    }
    if (r.findings.length === 0) lines.push("  未发现违法信号 / no findings");
    else lines.push(`  发现 ${r.findings.length} 项 / ${r.findings.length} finding(s):`);
    for (const f of r.findings) {
      lines.push(
        `  [${severityText[f.severity]}] ${titles.get(f.category) ?? f.category} · ${f.rule} (${f.score})`,
      );
      lines.push(`      摘录 excerpt: ${f.excerpt}`);
      lines.push(
        `      依据 basis:   ${f.basis.law} ${f.basis.article}${f.basis.summary ? ` — ${f.basis.summary}` : ""}`,
      );
    }
    lines.push("");
  }
  const failed = results.filter((r) => r.error).length;
  lines.push(`共 ${results.length} 个输入，${failed} 个失败 / ${results.length} input(s), ${failed} failed`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

export async function runAnalyze(inputs: string[], opts: Options): Promise<number> {
  const env = loadEnv();
  const packs = loadRulePacks(path.join(env.configDir, "rules"));
  const timeoutSecs = Number(opts.timeoutSecs);
  const maxBytes = Number(opts.maxBytes);
  const hostMap = parseHostMap(env.hostMap);
  const renderer = opts.render ? await openRenderer({ hostMap }) : null;
  const results: AnalyzeResult[] = [];
  try {
    for (const input of inputs)
      results.push(await analyseInput(input, packs, { hostMap, timeoutSecs, maxBytes, renderer }));
  } finally {
    await renderer?.close();
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else printReport(results, packs);
  for (const r of results) if (r.error) process.stderr.write(`redshield: ${r.error}\n`);
  return results.some((r) => r.error) ? ExitCode.InvalidInput : ExitCode.Ok;
}

export function registerAnalyze(program: Command): void {
  program
    .command("analyze")
    .description("analyse web pages with the rule packs (网页违法信号分析)")
    .argument("<inputs...>", "HTML files or http(s) URLs")
    .option("--json", "print the results as JSON")
    .option("--render", "load each page in Chromium first, so text written by scripts counts")
    .option("--timeout-secs <n>", "deadline per page, fetch or render", "20")
    .option("--max-bytes <n>", "largest page accepted", String(5 * 1024 * 1024))
    .action(action(async (inputs: string[], opts: Options) => runAnalyze(inputs, opts)));
}
