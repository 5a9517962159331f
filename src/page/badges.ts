// Red Shield e-label badges (红盾电子标识, DESIGN.md): a link to {REDSHIELD_PUBLIC_URL}/verify/{serial}
// with an image whose alt text is 红盾电子标识. Any link to a /verify/{serial} path counts (a forged
// badge may point at a look-alike host — the label check compares hosts); a badge image outside
// any link is reported with linked: false (a copied picture cannot be verified).
import type { DomNode } from "./dom-text.ts";
import { textOf } from "./dom-text.ts";
import type { PageBadge } from "./types.ts";

const badgeWords = "红盾电子标识";
const verifyPath = /\/verify\/([^/?#]+)\/?$/;

function serialOf(href: string): string | null {
  try {
    const m = verifyPath.exec(new URL(href).pathname);
    return m ? decodeURIComponent(m[1]!) : null;
  } catch {
    return null;
  }
}

function imagesIn(node: DomNode): DomNode[] {
  const found: DomNode[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.name === "img") found.push(n);
    for (const child of n.children ?? []) stack.push(child);
  }
  return found;
}

function insideLink(node: DomNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.name === "a") return true;
  return false;
}

/** Badges among the page's <a> and <img> elements; resolve(href) gives an absolute URL or null. */
export function findBadges(
  anchors: DomNode[],
  images: DomNode[],
  resolve: (href: string) => string | null,
): PageBadge[] {
  const badges: PageBadge[] = [];
  for (const a of anchors) {
    const href = resolve(a.attribs?.["href"] ?? "") ?? "";
    const imgs = imagesIn(a);
    const img = imgs.find((i) => (i.attribs?.["alt"] ?? "").includes(badgeWords)) ?? imgs[0];
    const imgAlt = img?.attribs?.["alt"] ?? "";
    const serial = href ? serialOf(href) : null;
    if (!serial && !imgAlt.includes(badgeWords) && !textOf(a).includes(badgeWords)) continue;
    const title = a.attribs?.["title"] ?? img?.attribs?.["title"] ?? "";
    badges.push({ href, serial, imgAlt, title, linked: href !== "" });
  }
  for (const img of images) {
    const imgAlt = img.attribs?.["alt"] ?? "";
    if (!imgAlt.includes(badgeWords) || insideLink(img)) continue;
    badges.push({ href: "", serial: null, imgAlt, title: img.attribs?.["title"] ?? "", linked: false });
  }
  return badges;
}
