// The badge a label holder puts on its site: a link to the public verification page with an image
// inside (DESIGN.md), and that image, drawn here as SVG. The image is served live by
// `redshield serve`, so a revoked or expired label's badge turns grey on the holder's own site.

/** The alt text DESIGN.md fixes; sweeps look for it on holders' sites. */
export const badgeAltText = "红盾电子标识";
export const badgeWidthPx = 200;
export const badgeHeightPx = 64;

function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function verifyPageUrl(publicUrl: string, serial: string): string {
  return `${publicUrl}/verify/${encodeURIComponent(serial)}`;
}

export function badgeImageUrl(publicUrl: string, serial: string): string {
  return `${publicUrl}/badge/${encodeURIComponent(serial)}.svg`;
}

/** The HTML snippet for the holder's site. */
export function badgeHtml(publicUrl: string, serial: string): string {
  const href = escapeMarkup(verifyPageUrl(publicUrl, serial));
  const src = escapeMarkup(badgeImageUrl(publicUrl, serial));
  return (
    `<a href="${href}" target="_blank" rel="noopener">` +
    `<img src="${src}" alt="${badgeAltText}" title="${badgeAltText}" width="${badgeWidthPx}" height="${badgeHeightPx}" style="border:0"></a>`
  );
}

/** "active": the red badge of a valid label; "inactive": grey, for revoked, expired or unknown. */
export type BadgeTone = "active" | "inactive";
export type BadgeText = { title: string; statusText: string; bureauName: string; tone: BadgeTone };

const colours = {
  active: { accent: "#c8161d", status: "#c8161d" },
  inactive: { accent: "#8c8c8c", status: "#4a4a4a" },
} as const;
const fontFamily = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";
const shieldPath = "M20 0 L40 6 V22 C40 35 31 44 20 48 C9 44 0 35 0 22 V6 Z";
/** A tick on a valid badge, a bar (like a "no entry" sign) on any other. */
const markPaths: Record<BadgeTone, string> = { active: "M10 24 L17 31 L30 16", inactive: "M10 24 H30" };

export function badgeSvg(text: BadgeText): string {
  const c = colours[text.tone];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${badgeWidthPx}" height="${badgeHeightPx}" viewBox="0 0 ${badgeWidthPx} ${badgeHeightPx}" role="img" aria-label="${escapeMarkup(`${text.title} ${text.statusText}`)}">`,
    `<rect x="1" y="1" width="${badgeWidthPx - 2}" height="${badgeHeightPx - 2}" rx="6" fill="#ffffff" stroke="${c.accent}" stroke-width="2"/>`,
    `<g transform="translate(10 8)"><path d="${shieldPath}" fill="${c.accent}"/>`,
    `<path d="${markPaths[text.tone]}" fill="none" stroke="#ffffff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></g>`,
    `<g font-family="${fontFamily}">`,
    `<text x="60" y="25" font-size="16" font-weight="bold" fill="${c.accent}">${escapeMarkup(text.title)}</text>`,
    `<text x="60" y="42" font-size="12" fill="${c.status}">${escapeMarkup(text.statusText)}</text>`,
    `<text x="60" y="56" font-size="9" fill="#666666">${escapeMarkup(text.bureauName)}</text>`,
    "</g></svg>",
  ].join("\n");
}
