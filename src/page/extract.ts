// HTML → ExtractedPage: the text the signals engine reads (visible, hidden, title, description,
// image alt texts), links and iframes for the crawlers, the identity the page claims and its
// Red Shield badges. Pure: HTML string in, plain object out. The tree is walked twice (elements,
// then text) rather than once per CSS selector.
import * as cheerio from "cheerio";
import { findBadges } from "./badges.ts";
import { collectText, type DomNode, textOf } from "./dom-text.ts";
import { extractIdentity } from "./identity.ts";
import type { ExtractedPage, PageLink } from "./types.ts";

// The spec-compliant parser (parse5) slows down quadratically on thousands of nested open
// elements, which a hostile page can produce on purpose (20,000 nested <div> take seconds). Such
// documents go to htmlparser2, which is linear and forgiving.
const maxUnclosedTags = 3000;

function looksPathological(html: string): boolean {
  const opened = html.match(/<[a-zA-Z]/g)?.length ?? 0;
  const closed = html.match(/<\//g)?.length ?? 0;
  return opened - closed > maxUnclosedTags;
}

function parse(html: string): DomNode {
  const options = looksPathological(html)
    ? { xml: { xmlMode: false, decodeEntities: true } }
    : { scriptingEnabled: false };
  return cheerio.load(html, options as cheerio.CheerioOptions).root()[0] as unknown as DomNode;
}

type Elements = {
  anchors: DomNode[];
  images: DomNode[];
  frames: DomNode[];
  metas: DomNode[];
  title: DomNode | null;
  base: DomNode | null;
};

/** The elements extraction needs, in document order, from one walk over the tree. */
function collectElements(root: DomNode): Elements {
  const found: Elements = { anchors: [], images: [], frames: [], metas: [], title: null, base: null };
  const stack: DomNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const name = node.name;
    if (name === "a") found.anchors.push(node);
    else if (name === "img" || name === "area" || (name === "input" && node.attribs?.["type"] === "image")) {
      found.images.push(node);
    } else if (name === "iframe" || name === "frame") found.frames.push(node);
    else if (name === "meta") found.metas.push(node);
    else if (name === "title") found.title ??= node;
    else if (name === "base" && node.attribs?.["href"]) found.base ??= node;
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return found;
}

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

function baseUrl(base: DomNode | null, url: string): string {
  try {
    return base ? new URL(base.attribs?.["href"] ?? "", url).href : url;
  } catch {
    return url;
  }
}

function metaContent(metas: DomNode[], name: string): string {
  const tag = metas.find((m) => (m.attribs?.["name"] ?? "").toLowerCase() === name);
  return clean(tag?.attribs?.["content"]);
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
  const root = parse(html);
  const el = collectElements(root);
  const resolve = resolver(baseUrl(el.base, url));
  const { visible, hidden } = collectText(root);
  const altTexts = el.images.map((img) => clean(img.attribs?.["alt"])).filter((alt) => alt.length > 0);
  const links = extractLinks(el.anchors, resolve);
  const iframes = el.frames
    .map((f) => resolve(f.attribs?.["src"] ?? ""))
    .filter((src): src is string => src !== null);
  const title = el.title ? clean(textOf(el.title)) : "";
  const attributeText = [
    ...links.map((l) => l.title),
    ...el.images.map((img) => clean(img.attribs?.["title"])),
  ].filter((t) => t.length > 0);
  return {
    url,
    title,
    metaDescription: metaContent(el.metas, "description"),
    metaKeywords: metaContent(el.metas, "keywords"),
    visibleText: visible,
    hiddenText: hidden,
    altTexts,
    links,
    iframes,
    identity: extractIdentity([title, visible, hidden, ...altTexts, ...attributeText].join("\n")),
    badges: findBadges(
      el.anchors,
      el.images.filter((i) => i.name === "img"),
      resolve,
    ),
  };
}
