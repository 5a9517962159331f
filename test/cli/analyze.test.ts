// `redshield analyze` run for real (node bin/redshield.js): corpus files in GBK, Big5 and
// Traditional characters, pages fetched from a loopback server through REDSHIELD_HOST_MAP, pages
// whose text is written by scripts (--render, real Chromium), and inputs that must fail alone.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import iconv from "iconv-lite";
import { runRedshield } from "./spawn-redshield.ts";

const corpus = path.resolve("test/corpus/pages");
const page = (name: string) => path.join(corpus, name);

type Result = {
  input: string;
  findings: { category: string; rule: string; excerpt: string; basis: { law: string } }[];
  error?: string;
};

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    REDSHIELD_LOG_LEVEL: "warn",
    REDSHIELD_CONFIG_DIR: path.resolve("config"),
    ...extra,
  };
}

async function analyzeJson(args: string[], extra: Record<string, string> = {}) {
  const run = await runRedshield(["analyze", "--json", ...args], env(extra));
  return { ...run, results: JSON.parse(run.stdout || "[]") as Result[] };
}

const categories = (r: Result | undefined) => [...new Set(r?.findings.map((f) => f.category))].sort();

describe("redshield analyze FILE", () => {
  test("GBK, Big5, Traditional and separator-evasion pages are read and analysed; news stays quiet", async () => {
    const files = [
      "loan-member-fee-gbk.html",
      "p2p-product-detail-big5.html",
      "micro-traditional.html",
      "p2p-separator-evasion.html",
      "news-p2p-gbk.html",
    ];
    const { code, results, stderr } = await analyzeJson(files.map(page));
    assert.equal(code, 0, stderr);
    assert.deepEqual(
      results.map((r) => [path.basename(r.input), categories(r)]),
      [
        ["loan-member-fee-gbk.html", ["cash_loan"]],
        ["p2p-product-detail-big5.html", ["p2p_lending"]],
        ["micro-traditional.html", ["micro_trading"]],
        ["p2p-separator-evasion.html", ["p2p_lending"]],
        ["news-p2p-gbk.html", []],
      ],
    );
    const loan = results[0]!.findings.find((f) => f.rule === "cash_loan.apr_above_cap")!;
    assert.match(
      loan.excerpt,
      /【借款3000元，期限14天，到期应还本息3042元/,
      "excerpt shows the GBK page's own text",
    );
    assert.match(loan.excerpt, /综合年化成本约 209\.44%/);
    const big5 = results[1]!.findings.find((f) => f.rule === "p2p_lending.guaranteed_returns")!;
    assert.match(
      big5.excerpt,
      /【剛性兌付】/,
      "Traditional original in the excerpt, matched after conversion",
    );
    assert.match(results[3]!.findings[0]!.excerpt, /保 · 本 · 保 · 息|刚\*性\*兑\*付/);
  });

  test("a binary file and a missing file fail on their own; the other input is analysed; exit 2", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "analyze-"));
    const binary = path.join(dir, "logo.png");
    fs.writeFileSync(
      binary,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]),
    );
    const empty = path.join(dir, "empty.html");
    fs.writeFileSync(empty, "");
    const missing = path.join(dir, "missing.html");
    const { code, results, stderr } = await analyzeJson([binary, page("card-paofen.html"), missing, empty]);
    assert.equal(code, 2);
    assert.match(results[0]!.error ?? "", /logo\.png: binary data/);
    assert.deepEqual(categories(results[1]), ["bank_card_trading"]);
    assert.equal(results[1]!.error, undefined);
    assert.match(results[2]!.error ?? "", /missing\.html: no such file/);
    assert.match(results[3]!.error ?? "", /empty\.html: empty/);
    assert.match(stderr, /logo\.png/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("without --json a readable report names the rule, the excerpt and the legal basis", async () => {
    const run = await runRedshield(["analyze", page("loan-kantou.html")], env());
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\[高 high\] 现金贷.*cash_loan\.upfront_deduction/);
    assert.match(run.stdout, /依据 basis: +《中华人民共和国民法典》 第六百七十条/);
    assert.match(run.stdout, /共 1 个输入，0 个失败/);
  });

  test("a malformed rule pack stops the command with file, line, rule and field (exit 5)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "analyze-rules-"));
    fs.mkdirSync(path.join(dir, "rules"));
    const pack = fs
      .readFileSync("config/rules/cash_loan.yaml", "utf8")
      .replace("severity: medium", "severity: urgent");
    fs.writeFileSync(path.join(dir, "rules", "cash_loan.yaml"), pack);
    const run = await runRedshield(["analyze", page("loan-kantou.html")], env({ REDSHIELD_CONFIG_DIR: dir }));
    assert.equal(run.code, 5);
    assert.match(
      run.stderr,
      /cash_loan\.yaml:\d+: rule "cash_loan\.no_credit_check" field "rules\[2\]\.severity"/,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("redshield analyze URL", () => {
  let server: http.Server;
  let port = 0;
  const gbkShop = iconv.encode(
    "<html><head><title>优选茶叶商城</title></head><body><p>明前龙井 ￥268 加入购物车</p><p>正山小种 ￥128 加入购物车</p><p>全场包邮</p></body></html>",
    "gbk",
  );
  const scripted = fs.readFileSync(page("loan-script-inserted.html"));

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.headers.host?.startsWith("shop.example.cn") && req.url === "/") {
        res.writeHead(200, { "content-type": "text/html; charset=GBK" }).end(gbkShop);
      } else if (req.url === "/loan") res.writeHead(200, { "content-type": "text/html" }).end(scripted);
      else if (req.url === "/logo.png")
        res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(64));
      else res.writeHead(404).end("not found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const hostMap = () => ({ REDSHIELD_HOST_MAP: `*.cn=127.0.0.1:${port}` });

  test("a host-mapped GBK shop is fetched and decoded; 404 and an image fail alone", async () => {
    const { code, results } = await analyzeJson(
      ["http://shop.example.cn/", "http://shop.example.cn/nothing", "http://cdn.example.cn/logo.png"],
      hostMap(),
    );
    assert.equal(code, 2);
    assert.deepEqual(categories(results[0]), ["license_display"]);
    assert.match(results[0]!.findings[0]!.excerpt, /优选茶叶商城/);
    assert.match(results[1]!.error ?? "", /HTTP 404/);
    assert.match(results[2]!.error ?? "", /not an HTML page \(image\/png\)/);
  });

  test("--render counts text written by scripts (file and host-mapped URL); without it the text is unseen", async () => {
    const plain = await analyzeJson([page("loan-script-inserted.html")]);
    assert.deepEqual(categories(plain.results[0]), []);
    const rendered = await analyzeJson(
      ["--render", page("loan-script-inserted.html"), "http://loan.example.cn/loan"],
      hostMap(),
    );
    assert.equal(rendered.code, 0, rendered.stderr);
    for (const r of rendered.results) {
      assert.deepEqual(categories(r), ["cash_loan"], r.input);
      assert.ok(
        r.findings.some((f) => /到手700/.test(f.excerpt)),
        r.input,
      );
    }
  });
});
