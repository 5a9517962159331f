// A literal that every match of a regular expression must contain, found by reading its source:
// the longest run of CJK characters outside groups, classes and optional quantifiers, when the
// expression has no top-level alternative. A page whose text lacks it cannot match, so the regex
// is not run there ("代" for "…代…%", "元" for "\d+元…成为会员").
const cjk = /[\u3400-\u9fff]/;

function isOptionalQuantifier(source: string, at: number): boolean {
  const next = source[at];
  return next === "?" || next === "*" || /^\{0[,}]/.test(source.slice(at));
}

export function requiredLiteral(source: string): string | null {
  let depth = 0;
  let inClass = false;
  let best = "";
  let run = "";
  const flush = () => {
    if (run.length > best.length) best = run;
    run = "";
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") {
      flush();
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") {
      flush();
      inClass = true;
    } else if (c === "(" || c === ")") {
      flush();
      depth += c === "(" ? 1 : -1;
    } else if (c === "|") {
      if (depth === 0) return null;
      flush();
    } else if (depth === 0 && cjk.test(c) && !isOptionalQuantifier(source, i + 1)) {
      run += c;
    } else flush();
  }
  flush();
  return best || null;
}
