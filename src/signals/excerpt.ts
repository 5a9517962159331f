// Excerpts show what the page really said: original text around a match, the match marked 【…】,
// clipped to the part of the page it came from, with that part named when it is not visible text.
import { type PageDocument, type SegmentKind, type Span, segmentAt } from "./document.ts";

const contextChars = 40;
const maxMatchChars = 120;

const segmentLabels: Partial<Record<SegmentKind, string>> = {
  title: "（网页标题）",
  description: "（网页描述）",
  keywords: "（网页关键词）",
  hidden: "（隐藏文字）",
  alt: "（图片说明文字）",
  attribute: "（链接提示文字）",
};

function tidy(text: string): string {
  return text.replace(/\s*\n\s*/g, " / ").replace(/[\s\u00a0]+/g, " ");
}

/** Original text around span with the span marked, e.g. "…年化12%，【保本保息】，100元起投…". */
export function excerptAt(doc: PageDocument, span: Span): string {
  const segment = segmentAt(doc, span.start);
  const lower = segment?.start ?? 0;
  const upper = segment?.end ?? doc.text.length;
  const from = Math.max(lower, span.start - contextChars);
  const to = Math.min(upper, span.end + contextChars);
  let match = doc.text.slice(span.start, span.end);
  if (match.length > maxMatchChars) match = `${match.slice(0, maxMatchChars)}…`;
  const text =
    (from > lower ? "…" : "") +
    tidy(doc.text.slice(from, span.start)) +
    `【${tidy(match)}】` +
    tidy(doc.text.slice(span.end, to)) +
    (to < upper ? "…" : "");
  return `${(segment && segmentLabels[segment.kind]) ?? ""}${text.trim()}`;
}

/** Where on the page the span is: visible, hidden, title … */
export function whereOf(doc: PageDocument, span: Span): SegmentKind | null {
  return segmentAt(doc, span.start)?.kind ?? null;
}
