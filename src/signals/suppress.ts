// Local hard negatives around one match (domain.md §0): a negation in the clause before it
// (不承诺保本保息, 非保本类), a warning or enforcement word in the same sentence (警惕…, 查处…), or
// a place inside a compliance disclosure that lists the prohibited acts verbatim.
import { normaliseCompact } from "../page/normalise.ts";
import { ContextReader } from "./context.ts";
import { negationExceptions, negationWords } from "./context-terms.ts";
import type { CompiledPacks } from "./compile.ts";
import { type PageDocument, type Span, sameSentence, segmentAt } from "./document.ts";
import type { SuppressionReason } from "./types.ts";

const clauseBreak = /[\n。！？!?；;，,、:：|]/;
const warningReachChars = 40;
const disclosureReachChars = 1500;

export class LocalContext {
  private readonly reader: ContextReader;
  private warnings: number[] | null = null;
  private disclosures: number[] | null = null;

  constructor(
    private readonly doc: PageDocument,
    packs: CompiledPacks,
  ) {
    this.reader = new ContextReader(doc, packs);
  }

  /** A negation word in the same clause, within windowChars (compact) before the match. */
  isNegated(span: Span, windowChars: number): boolean {
    if (windowChars <= 0) return false;
    const raw = this.doc.text.slice(Math.max(0, span.start - windowChars * 3), span.start);
    const parts = raw.split(clauseBreak);
    let clause = normaliseCompact(parts[parts.length - 1] ?? "").text.slice(-windowChars);
    for (const exception of negationExceptions) clause = clause.replaceAll(exception, "");
    return negationWords.some((word) => clause.includes(word));
  }

  /** A warning or enforcement word in the same sentence, close to the match. */
  hasWarningNear(span: Span): boolean {
    this.warnings ??= this.reader.positions("warning");
    return this.warnings.some(
      (at) =>
        at > span.start - warningReachChars &&
        at < span.end + warningReachChars &&
        sameSentence(this.doc, at, span.start),
    );
  }

  /** Below a "禁止性行为 / 不得从事下列行为" heading in the same part of the page. */
  inDisclosure(span: Span): boolean {
    this.disclosures ??= this.reader.positions("disclosure");
    const segment = segmentAt(this.doc, span.start);
    return this.disclosures.some(
      (at) =>
        at <= span.start && span.start - at <= disclosureReachChars && segmentAt(this.doc, at) === segment,
    );
  }

  /** Why this match does not count, or null when it does. */
  reasonFor(span: Span, negationWindowChars: number): SuppressionReason | null {
    if (this.isNegated(span, negationWindowChars)) return "negation";
    if (this.inDisclosure(span)) return "compliance_disclosure";
    if (this.hasWarningNear(span)) return "warning_context";
    return null;
  }
}
