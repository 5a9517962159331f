// What the signals engine returns: explainable findings with their legal basis, and the page
// context that decided whether a phrase hit counts (shop? licence shown? news? regulator?).
import type { CategoryId, Severity } from "../config/rule-pack-schema.ts";

export type { CategoryId, Severity };

export type SignalBasis = { law: string; article: string; summary?: string };

export type SignalFinding = {
  category: CategoryId;
  rule: string;
  severity: Severity;
  /** 0..1: how sure the engine is (severity, number of distinct matches, context). */
  score: number;
  /** Original page text around the match, the match marked as 【…】. */
  excerpt: string;
  basis: SignalBasis;
  details?: Record<string, unknown>;
};

export type SuppressionReason =
  | "negation"
  | "warning_context"
  | "compliance_disclosure"
  | "hard_negative"
  | "news_page"
  | "regulator_or_court_page"
  | "warning_page"
  | "covered_by_other_category";

/** A finding the rules matched but the context overruled (kept for explanation and tuning). */
export type SuppressedFinding = {
  category: CategoryId;
  rule: string;
  reason: SuppressionReason;
  excerpt: string;
};

export type PageContext = {
  isShop: boolean;
  showsLicence: boolean;
  isNews: boolean;
  isRegulatorOrCourt: boolean;
  /** An anti-fraud poster, investor-education or warning page. */
  isWarning: boolean;
  /** The page lists prohibited acts (网络借贷禁止性行为提示 and the like). */
  hasComplianceDisclosure: boolean;
  /** Price tokens seen (¥99, 99元). */
  priceCount: number;
  /** What showed the licence: "uscc", "registration_number", "licence_link", "badge", "self_declaration". */
  licenceEvidence: string[];
  /** Markers that made the page news, regulator/court or warning (for the reviewer). */
  contextEvidence: string[];
};

export type PageVerdict = {
  flagged: boolean;
  categories: CategoryId[];
  maxSeverity: Severity | null;
  topScore: number;
};

export type PageAnalysis = {
  findings: SignalFinding[];
  suppressed: SuppressedFinding[];
  context: PageContext;
  verdict: PageVerdict;
  /** Hash of the rule packs (and engine version) that produced this analysis. */
  rulesHash: string;
};
