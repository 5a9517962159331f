// Shared by the two enforcement documents: escaping, Beijing-time formats, the wording of
// categories and evidence kinds, the settings a province may change, and the page style
// (GB/T 9704 sizes: A4, 天头 37 mm, 订口 28 mm, text block 156 × 225 mm; title 二号, body 三号).
import { escapeHtml } from "../../escape-html.ts";
import type { Category } from "../../findings/index.ts";
import type { EvidenceKind } from "../bundle/lead-facts.ts";

/** Every value printed in a document goes through here: crawled text never becomes markup. */
export function esc(value: unknown): string {
  return escapeHtml(String(value ?? ""));
}

function china(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString();
}

/** 2026年11月20日 */
export function cnDate(at: Date): string {
  const s = china(at);
  return `${s.slice(0, 4)}年${s.slice(5, 7)}月${s.slice(8, 10)}日`;
}

/** 2026年11月20日 09时14分05秒 */
export function cnDateTime(at: Date): string {
  const s = china(at);
  return `${cnDate(at)} ${s.slice(11, 13)}时${s.slice(14, 16)}分${s.slice(17, 19)}秒`;
}

/** 2026-11-20 09:14:05 (北京时间 implied by the column header) */
export function shortDateTime(at: Date): string {
  return china(at).slice(0, 19).replace("T", " ");
}

export const categoryTitles = {
  p2p_lending: "P2P网络借贷",
  cash_loan: "违规现金贷",
  bank_card_trading: "买卖银行卡、账户",
  micro_trading: "微盘交易",
  pyramid_selling: "传销",
  false_advertising: "虚假违法广告",
  counterfeit: "假冒侵权",
  elderly_scam: "涉老诈骗",
  license_display: "未公示营业执照信息",
  red_shield: "红盾电子标识问题",
  unregistered_entity: "经营主体未登记",
  identity_mismatch: "网站主体信息与登记不符",
} satisfies Record<Category, string>;

export function categoryTitle(id: string): string {
  return (categoryTitles as Record<string, string>)[id] ?? id;
}

export const evidenceKindTitles: Record<EvidenceKind, string> = {
  body: "网页源码",
  headers: "HTTP响应头",
  text: "页面文本",
  screenshot: "全页截图",
};

export function formatName(fileName: string): string {
  const ext = fileName.slice(fileName.lastIndexOf(".") + 1).toUpperCase();
  return ext === "BIN" ? "二进制" : ext;
}

export const modeTitles: Record<string, string> = {
  http: "HTTP 直接获取（不执行网页脚本）",
  browser: "Chromium 无头浏览器加载并渲染",
};

/** What a province may set differently (forms.md: templates are configurable per province). */
export type DocumentSettings = {
  bureauName: string;
  /** 机关代字 in document numbers, e.g. 江市监 in 江市监网取〔2026〕1号. */
  agencyCode: string;
  /** Word after the agency code for the 笔录 and the notice. */
  recordWord: string;
  noticeWord: string;
  /** 提取地点: where the capturing system stands; {host} is replaced by the capture host. */
  place: string;
  /** 办理要求 / 时限 (S1 art. 18). */
  deadline: string;
  /** 反馈要求 (local practice). */
  feedback: string;
  /** 联系人 and 电话 of the handing-over office; empty prints a blank to fill in. */
  contact: string;
  phone: string;
  /** Name of the integrity algorithm printed on each row. */
  hashAlgorithm: string;
};

export function documentSettings(
  bureauName: string,
  overrides: Partial<DocumentSettings> = {},
): DocumentSettings {
  const short = bureauName.replace(/市场监督管理局$|市场监管局$/, "");
  return {
    bureauName,
    agencyCode: `${short.slice(0, 1) || "市"}市监`,
    recordWord: "网取",
    noticeWord: "网交",
    place: `${bureauName}网络巡查系统取证服务器（主机 {host}）`,
    deadline: "请自收到本通知之日起十五个工作日内完成核查，并决定是否立案。",
    feedback: "请于作出决定之日起五个工作日内，将核查情况、立案或不予立案决定及处理结果书面反馈我局。",
    contact: "",
    phone: "",
    hashAlgorithm: "SHA-256",
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined && v !== "")),
  };
}

/** 江市监网取〔2026〕1号 */
export function documentNumberText(code: string, word: string, year: number, n: number): string {
  return `${code}${word}〔${year}〕${n}号`;
}

export const pageCss = `
@page { size: A4; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; }
body { margin: 0; font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", "Noto Serif CJK", serif;
  font-size: 16pt; line-height: 1.55; color: #000; }
.org, .title { text-align: center; font-family: "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif;
  font-weight: bold; margin: 0; }
.org { font-size: 22pt; }
.title { font-size: 22pt; letter-spacing: 0.1em; margin-bottom: 0.4em; }
.docno { text-align: right; font-size: 14pt; margin: 0.2em 0 0.8em; }
.docno.center { text-align: center; }
p { margin: 0.25em 0; text-align: justify; }
.field { margin: 0.3em 0; text-align: left; }
.field > .label:first-child { break-after: avoid; }
ol { break-before: avoid; }
.label { font-weight: bold; }
.indent { text-indent: 2em; }
ol.steps { margin: 0.2em 0 0.2em 1.6em; padding: 0; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; line-height: 1.35; margin: 0.3em 0;
  font-family: "Noto Sans CJK SC", sans-serif; }
th, td { border: 0.6pt solid #000; padding: 1.2pt 2.5pt; vertical-align: top; text-align: left; }
th { font-weight: bold; background: #eee; }
tr { page-break-inside: avoid; }
.hash, .url, code { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; word-break: break-all; }
td.hash { font-size: 8.4pt; }
.num { text-align: right; white-space: nowrap; }
.small { font-size: 12pt; }
.muted { color: #333; }
.sign { margin-top: 1.2em; }
.sign p { margin: 0.9em 0; }
.blank { display: inline-block; min-width: 9em; border-bottom: 0.6pt solid #000; }
.blank.short { min-width: 6em; }
.sign td { border: none; padding: 0.5em 0; font-size: 16pt; font-family: inherit; vertical-align: bottom; }
.sign td:last-child { white-space: nowrap; width: 8em; text-align: right; }
.seal { text-align: right; margin-top: 2.2em; }
.seal p { text-align: right; }
.receipt { page-break-before: always; }
.cut { text-align: center; letter-spacing: 0.3em; margin: 0.6em 0 1em; }
`;

/** Page frame: the document's title in <title> becomes the PDF's Title metadata. */
export function pageHtml(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>${pageCss}</style></head><body>${body}</body></html>`;
}
