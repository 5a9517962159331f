// Local hard negatives around one match (domain.md §0): a negation in the clause before it
// (不承诺保本保息, 非保本类), a warning or enforcement word in the same sentence (警惕…, 查处…), or
// a place inside a compliance disclosure that lists the prohibited acts verbatim.
// Each check costs a binary search and a few characters, whatever the size of the page.
import type { CompiledPacks } from "./compile.ts";
import { ContextReader } from "./context.ts";
import { negationExceptions, negationWords } from "./context-terms.ts";
import { type PageDocument, type Span, sameSentence, segmentAt } from "./document.ts";
import { lowerBound } from "./sorted.ts";
import type { SuppressionReason } from "./types.ts";

const clauseBreaks = new Set([..."\n。！？!?；;，,:：|"]);
const negationStarts = new Uint8Array(0x10000);
for (const word of negationWords) negationStarts[word.charCodeAt(0)] = 1;
const supportNegationChars = 6;
const warningReachChars = 40;
const disclosureReachChars = 1500;

export class LocalContext {
  private readonly reader: ContextReader;
  private warnings: number[] | null = null;
  private readonly negated = new Map<number, boolean>();
  private disclosures: number[] | null = null;

  constructor(
    private readonly doc: PageDocument,
    packs: CompiledPacks,
  ) {
    this.reader = new ContextReader(doc, packs);
  }

  /** The compact (folded) text of the clause before offset, at most windowChars long. */
  private clauseBefore(offset: number, windowChars: number): string {
    const text = this.doc.text;
    let from = offset;
    const limit = Math.max(0, offset - windowChars * 3);
    while (from > limit && !clauseBreaks.has(text[from - 1]!)) from--;
    const compact = this.doc.compact;
    const first = lowerBound(compact.start, from);
    const last = lowerBound(compact.start, offset);
    return String.fromCharCode(...compact.codes.subarray(Math.max(first, last - windowChars), last));
  }

  /** A negation word in the same clause, within windowChars (compact) before the match. */
  isNegated(span: Span, windowChars: number): boolean {
    if (windowChars <= 0 || !this.negationCharBefore(span.start, windowChars)) return false;
    const key = span.start * 64 + windowChars;
    let known = this.negated.get(key);
    if (known === undefined) {
      known = this.clauseNegates(span.start, windowChars);
      this.negated.set(key, known);
    }
    return known;
  }

  /** A supporting term that is itself negated ("不保本" next to a yield) supports nothing. */
  readonly notNegated = (span: Span): boolean => !this.isNegated(span, supportNegationChars);

  /** Fast path: no character that can start a negation word in the compact text before offset. */
  private negationCharBefore(offset: number, windowChars: number): boolean {
    const compact = this.doc.compact;
    const last = lowerBound(compact.start, offset);
    for (let i = Math.max(0, last - windowChars); i < last; i++) {
      if (negationStarts[compact.codes[i]!] === 1) return true;
    }
    return false;
  }

  private clauseNegates(offset: number, windowChars: number): boolean {
    let clause = this.clauseBefore(offset, windowChars);
    if (!clause) return false;
    for (const exception of negationExceptions)
      if (clause.includes(exception)) clause = clause.replaceAll(exception, "");
    return negationWords.some((word) => clause.includes(word));
  }

  /** A warning or enforcement word in the same sentence, close to the match. */
  hasWarningNear(span: Span): boolean {
    this.warnings ??= this.reader.positions("warning");
    const warnings = this.warnings;
    for (let i = lowerBound(warnings, span.start - warningReachChars); i < warnings.length; i++) {
      const at = warnings[i]!;
      if (at >= span.end + warningReachChars) break;
      if (sameSentence(this.doc, at, span.start)) return true;
    }
    return false;
  }

  /** Below a "禁止性行为 / 不得从事下列行为" heading in the same part of the page. */
  inDisclosure(span: Span): boolean {
    this.disclosures ??= this.reader.positions("disclosure");
    const disclosures = this.disclosures;
    const segment = segmentAt(this.doc, span.start);
    for (let i = lowerBound(disclosures, span.start - disclosureReachChars); i < disclosures.length; i++) {
      const at = disclosures[i]!;
      if (at > span.start) break;
      if (segmentAt(this.doc, at) === segment) return true;
    }
    return false;
  }

  /** Why this match does not count, or null when it does. */
  reasonFor(span: Span, negationWindowChars: number): SuppressionReason | null {
    if (this.isNegated(span, negationWindowChars)) return "negation";
    if (this.inDisclosure(span)) return "compliance_disclosure";
    if (this.hasWarningNear(span)) return "warning_context";
    return null;
  }
}
