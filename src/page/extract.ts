// HTML → ExtractedPage: the text the signals engine reads (visible, hidden, title, description,
// image alt texts), links and iframes for the crawlers, the identity the page claims and its
// Red Shield badges. Pure: HTML string in, plain object out.
import * as cheerio from "cheerio";
import { findBadges } from "./badges.ts";
import { collectText, type DomNode, textOf } from "./dom-text.ts";
import { extractIdentity } from "./identity.ts";
import type { ExtractedPage, PageLink } from "./types.ts";

function resolver(base: string): (href: string) => string | null {
  return (href: string) => {
    const h = href.trim();
    if (!h || /^(javascript|mailto|tel|data):/i.test(h)) return null;
    try {
      const url = new URL(h, base);
      return url.protocol === "http:" || url.protocol === "https:" || url.protocol === "file:"
        ? url.href
        : null;
    } catch {
      return null;
    }
  };
}

function clean(text: string | undefined): string {
  return (text ?? "").replace(/[\s\u00a0]+/g, " ").trim();
}

function baseUrl($: cheerio.CheerioAPI, url: string): string {
  const href = $("base[href]").first().attr("href");
  if (!href) return url;
  try {
    return new URL(href, url).href;
  } catch {
    return url;
  }
}

function metaContent($: cheerio.CheerioAPI, name: string): string {
  const tag = $("meta").filter((_, el) => (el.attribs["name"] ?? "").toLowerCase() === name);
  return clean(tag.first().attr("content"));
}

function nodes($: cheerio.CheerioAPI, selector: string): DomNode[] {
  return $(selector).toArray() as unknown as DomNode[];
}

function extractLinks(anchors: DomNode[], resolve: (href: string) => string | null): PageLink[] {
  const links: PageLink[] = [];
  for (const a of anchors) {
    const href = resolve(a.attribs?.["href"] ?? "");
    if (!href) continue;
    links.push({ href, text: textOf(a), title: clean(a.attribs?.["title"]), rel: clean(a.attribs?.["rel"]) });
  }
  return links;
}

/** Parses one HTML page fetched from (or standing for) url. */
export function extractPage(html: string, url: string): ExtractedPage {
  const $ = cheerio.load(html, { scriptingEnabled: false } as cheerio.CheerioOptions);
  const resolve = resolver(baseUrl($, url));
  const root = $.root()[0] as unknown as DomNode;
  const { visible, hidden } = collectText(root);
  const anchors = nodes($, "a");
  const images = nodes($, "img, area, input[type=image]");
  const altTexts = images.map((img) => clean(img.attribs?.["alt"])).filter((alt) => alt.length > 0);
  const links = extractLinks(anchors, resolve);
  const iframes = nodes($, "iframe[src], frame[src]")
    .map((f) => resolve(f.attribs?.["src"] ?? ""))
    .filter((src): src is string => src !== null);
  const title = clean($("title").first().text());
  const metaDescription = metaContent($, "description");
  const metaKeywords = metaContent($, "keywords");
  const attributeText = [
    ...links.map((l) => l.title),
    ...images.map((img) => clean(img.attribs?.["title"])),
  ].filter((t) => t.length > 0);
  const identityText = [title, visible, hidden, ...altTexts, ...attributeText].join("\n");
  return {
    url,
    title,
    metaDescription,
    metaKeywords,
    visibleText: visible,
    hiddenText: hidden,
    altTexts,
    links,
    iframes,
    identity: extractIdentity(identityText),
    badges: findBadges(anchors, nodes($, "img"), resolve),
  };
}
