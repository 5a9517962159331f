// The page verdict: which categories were found and how serious the worst finding is.
import type { Severity } from "../config/rule-pack-schema.ts";
import type { CategoryId, PageVerdict, SignalFinding } from "./types.ts";

const rank: Record<Severity, number> = { low: 1, medium: 2, high: 3 };

export function verdictOf(findings: readonly SignalFinding[]): PageVerdict {
  let maxSeverity: Severity | null = null;
  let topScore = 0;
  const categories: CategoryId[] = [];
  for (const f of findings) {
    if (!categories.includes(f.category)) categories.push(f.category);
    if (maxSeverity === null || rank[f.severity] > rank[maxSeverity]) maxSeverity = f.severity;
    topScore = Math.max(topScore, f.score);
  }
  return { flagged: findings.length > 0, categories, maxSeverity, topScore };
}

/** Findings ordered for display: most severe first, then by score. */
export function sortFindings(findings: SignalFinding[]): SignalFinding[] {
  return findings.sort((a, b) => rank[b.severity] - rank[a.severity] || b.score - a.score);
}
