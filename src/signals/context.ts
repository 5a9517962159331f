// Page context (domain.md §0, §3): is this an online shop, does it show its business licence, is
// it news, a regulator or court document, or a warning page? The answers decide whether phrase
// hits become findings. Every decision keeps the markers that made it, for the reviewer.
import type { CompiledPacks } from "./compile.ts";
import type { ContextKind } from "./context-terms.ts";
import { reassurancePrefixes } from "./context-terms.ts";
import type { PageDocument } from "./document.ts";
import type { PageContext } from "./types.ts";

const pricePattern = /[¥￥]\s*\d|\d+(?:\.\d{1,2})?\s*元(?![/每]?\s*(?:天|日|月|年|期|起投|起|张|套))/g;
const newsPatterns = [
  /记者\S{0,12}(?:获悉|报道|了解到|采访|调查|走访|发现)/,
  /据\S{1,16}报道/,
  /来源[:：]\s*\S{1,12}(?:网|报|社|台|新闻|日报|晚报|客户端)/,
  /(?:责任)?编辑[:：]\s*\S{2,4}/,
];
const regulatorTitle =
  /关于.{0,40}的(?:公告|通报|通知|提示|决定|警示|风险提示)|行政处罚决定书|风险提示|答记者问/;
const lawCitation = /《[^》]{2,40}》第[一二三四五六七八九十百零〇\d]+条/g;
const licenceHref = /gsxt\.gov\.cn|zzlz\.|businessshow|yyzz|license|licence|营业执照/i;

export class ContextReader {
  constructor(
    private readonly doc: PageDocument,
    private readonly packs: CompiledPacks,
  ) {}

  /** Distinct context words of a kind found on the page (a warning word after 无/拒绝… is not one). */
  distinct(kind: ContextKind): string[] {
    const found: string[] = [];
    for (const id of this.packs.context[kind]) {
      const { starts } = this.doc.hitsOf(id);
      if (starts.length === 0) continue;
      if (kind === "warning" && starts.every((start) => this.isReassurance(start))) continue;
      found.push(this.packs.phrases[id]!);
    }
    return found;
  }

  /** Offsets of context words of a kind (warning words after 无/拒绝… excluded). */
  positions(kind: ContextKind): number[] {
    const out: number[] = [];
    for (const id of this.packs.context[kind]) {
      for (const start of this.doc.hitsOf(id).starts) {
        if (kind === "warning" && this.isReassurance(start)) continue;
        out.push(start);
      }
    }
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }

  /** 无套路, 不是骗局, 拒绝套路: a warning word used as reassurance by the seller. */
  isReassurance(offset: number): boolean {
    const before = this.doc.text.slice(Math.max(0, offset - 3), offset);
    return reassurancePrefixes.some((p) => before.endsWith(p));
  }
}

function newsEvidence(reader: ContextReader, doc: PageDocument): string[] {
  const strong = reader.distinct("newsStrong");
  const weak = reader.distinct("newsWeak");
  const patterns = newsPatterns.filter((p) => p.test(doc.text)).map((p) => p.source.slice(0, 12));
  const score = strong.length * 2 + patterns.length * 2 + weak.length;
  return score >= 4 && strong.length + patterns.length > 0 ? [...strong, ...patterns, ...weak] : [];
}

/**
 * A regulator, police or court document: a gov.cn host; two court markers; or an authority
 * named together with a notice-style title or with enforcement vocabulary. Generic words alone
 * (a platform's "关于春节提现安排的公告") do not make a page a regulator's.
 */
function regulatorEvidence(reader: ContextReader, doc: PageDocument): string[] {
  const evidence: string[] = [];
  let host = "";
  try {
    host = new URL(doc.page.url).hostname;
  } catch {
    // a file path: no host
  }
  if (/(?:^|\.)gov\.cn$/.test(host)) evidence.push(host);
  const court = reader.distinct("court");
  if (court.length >= 2) evidence.push(...court);
  const authority = reader.distinct("authority");
  const enforcement = reader.distinct("enforcement");
  const citations = doc.text.match(lawCitation)?.length ?? 0;
  const heading = doc.page.visibleText.slice(0, doc.page.visibleText.indexOf("\n") >>> 0);
  const titled = regulatorTitle.test(doc.page.title) || regulatorTitle.test(heading);
  if (authority.length > 0 && (titled || enforcement.length >= 2 || citations >= 2)) {
    evidence.push(...authority, ...enforcement, ...(titled ? ["标题"] : []));
  }
  return evidence;
}

/**
 * An anti-fraud poster, investor-education page or warning article: warning words in the title
 * and the text, or many of them. Violating pages carry a disclaimer or two (谨防诈骗, 举报), so a
 * few warning words in the body alone are not enough.
 */
function warningEvidence(reader: ContextReader, doc: PageDocument): string[] {
  const words = reader.distinct("warning");
  const inTitle = words.some((w) => doc.page.title.includes(w));
  return (inTitle && words.length >= 2) || words.length >= 6 ? words : [];
}

function licenceEvidence(reader: ContextReader, doc: PageDocument): string[] {
  const { identity, links, altTexts, badges } = doc.page;
  const evidence: string[] = [];
  if (identity.usccs.some((u) => u.valid || u.label)) evidence.push("uscc");
  if (identity.registrationNumbers.length > 0) evidence.push("registration_number");
  const licenceWords = /营业执照|亮照|工商执照|执照信息/;
  const linked = links.some((l) => licenceWords.test(`${l.text}${l.title}`) || licenceHref.test(l.href));
  if (
    linked ||
    altTexts.some((alt) => licenceWords.test(alt)) ||
    doc.page.iframes.some((s) => licenceHref.test(s))
  ) {
    evidence.push("licence_link");
  }
  if (badges.some((b) => b.linked)) evidence.push("badge");
  if (reader.distinct("selfDeclaration").length > 0) evidence.push("self_declaration");
  return evidence;
}

function countPrices(doc: PageDocument): number {
  return doc.plain().text.match(pricePattern)?.length ?? 0;
}

export function detectContext(doc: PageDocument, packs: CompiledPacks): PageContext {
  const reader = new ContextReader(doc, packs);
  const news = newsEvidence(reader, doc);
  const regulator = regulatorEvidence(reader, doc);
  const warning = warningEvidence(reader, doc);
  const shopWords = reader.distinct("shop");
  const priceCount = shopWords.length > 0 ? countPrices(doc) : 0;
  const isNews = news.length > 0;
  const isRegulatorOrCourt = regulator.length > 0;
  // Cart or ordering words and at least two prices: a single product page with "立即下单" sells too.
  const isShop = !isNews && !isRegulatorOrCourt && shopWords.length >= 1 && priceCount >= 2;
  const licence = licenceEvidence(reader, doc);
  return {
    isShop,
    showsLicence: licence.length > 0,
    isNews,
    isRegulatorOrCourt,
    isWarning: warning.length > 0,
    hasComplianceDisclosure: reader.distinct("disclosure").length > 0,
    priceCount,
    licenceEvidence: licence,
    contextEvidence: [...new Set([...news, ...regulator, ...warning])].slice(0, 12),
  };
}
