// Public surface of the signals engine.
import { loadRulePackFiles, validateRulePacks } from "../config/rule-packs.ts";
import type { LoadedYaml } from "../config/load-yaml.ts";
import { compileRulePacks, type RulePacks } from "./compile.ts";

export { ENGINE_VERSION, type RulePacks } from "./compile.ts";
export { analyzeHtml, analyzePage } from "./engine.ts";
export { analyseLoanOffers, type LoanCost, type LoanOffer, monthlyIrr } from "./loan-cost.ts";
export type {
  CategoryId,
  PageAnalysis,
  PageContext,
  PageVerdict,
  Severity,
  SignalBasis,
  SignalFinding,
  SuppressedFinding,
  SuppressionReason,
} from "./types.ts";

/** Loads, validates and compiles every rule pack in dir; throws ConfigError naming file:line, rule and field. */
export function loadRulePacks(dir: string): RulePacks {
  return compileRulePacks(loadRulePackFiles(dir));
}

/** Compiles packs given as parsed sources (tests, benchmarks, packs edited in the UI). */
export function rulePacksFromSources(sources: readonly LoadedYaml[]): RulePacks {
  return compileRulePacks(validateRulePacks(sources));
}
