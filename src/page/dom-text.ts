// Text of a parsed HTML document, split into what a visitor sees and what is hidden from them
// (display:none, visibility:hidden, [hidden], <noscript>, <template>). Block elements become line
// breaks so sentences of different blocks do not run together; inline elements do not, so
// 保<span>本</span> stays 保本. The walk uses an explicit stack: a hostile page may nest
// elements deeper than the call stack allows.

/** The part of a domhandler node this module reads. */
export type DomNode = {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent?: DomNode | null;
};

const skipped = new Set(["script", "style", "head", "svg", "math", "iframe", "object", "canvas", "select"]);
const alwaysHidden = new Set(["noscript", "template"]);
const blocks = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "br",
  "dd",
  "details",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "th",
  "thead",
  "tr",
  "ul",
  "option",
  "button",
  "label",
]);

export function isHiddenElement(node: DomNode): boolean {
  const name = node.name ?? "";
  if (alwaysHidden.has(name)) return true;
  const attribs = node.attribs ?? {};
  if ("hidden" in attribs) return true;
  if (name === "input" && (attribs["type"] ?? "").toLowerCase() === "hidden") return true;
  const style = (attribs["style"] ?? "").toLowerCase().replace(/\s+/g, "");
  return /(?:^|;)display:none|(?:^|;)visibility:hidden|(?:^|;)font-size:0(?:px)?(?:;|$)/.test(style);
}

type Frame = { node: DomNode; hidden: boolean } | { close: true; hidden: boolean; block: boolean };

class TextSink {
  private readonly parts: string[] = [];
  private pendingBreak = false;
  add(text: string): void {
    const t = text.replace(/[\s\u00a0]+/g, " ");
    if (t === " " || t === "") {
      if (t === " " && this.parts.length > 0 && !this.pendingBreak) this.parts.push(" ");
      return;
    }
    if (this.pendingBreak && this.parts.length > 0) this.parts.push("\n");
    this.pendingBreak = false;
    this.parts.push(t);
  }
  lineBreak(): void {
    this.pendingBreak = true;
  }
  text(): string {
    return this.parts
      .join("")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .join("\n");
  }
}

/** Visible and hidden text of the body (or the whole document when there is no body). */
export function collectText(root: DomNode): { visible: string; hidden: string } {
  const visible = new TextSink();
  const hidden = new TextSink();
  const stack: Frame[] = [{ node: root, hidden: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const sink = frame.hidden ? hidden : visible;
    if ("close" in frame) {
      if (frame.block) sink.lineBreak();
      continue;
    }
    const node = frame.node;
    if (node.type === "text") {
      sink.add(node.data ?? "");
      continue;
    }
    if (node.type !== "tag" && node.type !== "root" && node.type !== "script" && node.type !== "style")
      continue;
    const name = node.name ?? "";
    if (node.type !== "root" && skipped.has(name)) continue;
    const isHidden = frame.hidden || (node.type === "tag" && isHiddenElement(node));
    const block = blocks.has(name) || isHidden !== frame.hidden;
    const inner = isHidden ? hidden : visible;
    if (block) inner.lineBreak();
    if (name === "input" && isHidden) inner.add(node.attribs?.["value"] ?? "");
    stack.push({ close: true, hidden: isHidden, block });
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, hidden: isHidden });
  }
  return { visible: visible.text(), hidden: hidden.text() };
}

/** Text content of one element (all descendants, whitespace collapsed). */
export function textOf(node: DomNode): string {
  const parts: string[] = [];
  const stack: DomNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === "text") parts.push(n.data ?? "");
    else if (n.type !== "script" && n.type !== "style") {
      const children = n.children ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return parts
    .join("")
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}
