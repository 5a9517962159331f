// What extraction makes of one page: the text the signals engine reads and the identity the page
// claims, kept apart so a reviewer can see where a phrase came from (visible, hidden, attribute).

export type PageLink = { href: string; text: string; title: string; rel: string };

export type UsccClaim = {
  code: string;
  /** Check character and alphabet pass GB 32100-2015. */
  valid: boolean;
  /** The label in front of the code on the page (统一社会信用代码, 营业执照注册号 …), if any. */
  label?: string;
};

export type PageIdentity = {
  companyNames: string[];
  usccs: UsccClaim[];
  /** Legacy 15-digit 注册号 shown with a licence label. */
  registrationNumbers: string[];
  /** Canonical ICP numbers (粤ICP备19015064号-2). */
  icps: string[];
  /** Canonical public-security filing numbers (粤公网安备44190002003939号). */
  publicSecurity: string[];
};

/** A Red Shield e-label badge (红盾电子标识) found on the page. */
export type PageBadge = {
  href: string;
  /** Serial from a …/verify/{serial} link, or null. */
  serial: string | null;
  imgAlt: string;
  title: string;
  /** False for a badge image that is not inside a link (a copied picture, not a verifiable badge). */
  linked: boolean;
};

export type ExtractedPage = {
  url: string;
  title: string;
  metaDescription: string;
  metaKeywords: string;
  visibleText: string;
  /** Text of display:none / visibility:hidden / [hidden] blocks, <noscript> and <template>. */
  hiddenText: string;
  altTexts: string[];
  links: PageLink[];
  /** Absolute iframe src addresses (badges and widgets often live in iframes). */
  iframes: string[];
  identity: PageIdentity;
  badges: PageBadge[];
};
