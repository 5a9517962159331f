// A multi-pattern automaton (Aho–Corasick) over UTF-16 code units: one pass over the text finds
// every occurrence of every phrase of every rule pack, so matching cost grows with the text and
// barely with the number of phrases.
//
// Layout after building: the root's transitions are a dense table (most characters of a page
// leave the automaton at the root, so that step is one array read); other states keep their few
// children in flat sorted arrays (compressed rows). Each state lists the patterns that end there,
// including those inherited along failure links, so a scan never walks output chains.

type BuildNode = { children: Map<number, number>; patterns: number[] };

export type AutomatonHit = { pattern: number; start: number; end: number };

export class AhoCorasick {
  private readonly rootNext: Int32Array;
  private readonly childStart: Int32Array;
  private readonly childCount: Int32Array;
  private readonly childCodes: Uint16Array;
  private readonly childTargets: Int32Array;
  private readonly fail: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outCount: Int32Array;
  private readonly outPatterns: Int32Array;
  private readonly lengths: Int32Array;
  readonly stateCount: number;

  /** patterns[i] is found as pattern number i; empty patterns are ignored. */
  constructor(patterns: readonly string[]) {
    const nodes = buildTrie(patterns);
    const order = breadthFirst(nodes);
    const n = nodes.length;
    this.stateCount = n;
    this.lengths = Int32Array.from(patterns, (p) => p.length);
    this.rootNext = new Int32Array(0x10000);
    for (const [code, target] of nodes[0]!.children) this.rootNext[code] = target;

    this.childStart = new Int32Array(n);
    this.childCount = new Int32Array(n);
    let edges = 0;
    for (const node of nodes) edges += node.children.size;
    this.childCodes = new Uint16Array(edges);
    this.childTargets = new Int32Array(edges);
    let at = 0;
    for (let s = 0; s < n; s++) {
      const sorted = [...nodes[s]!.children].sort((a, b) => a[0] - b[0]);
      this.childStart[s] = at;
      this.childCount[s] = sorted.length;
      for (const [code, target] of sorted) {
        this.childCodes[at] = code;
        this.childTargets[at++] = target;
      }
    }

    this.fail = new Int32Array(n);
    const outputs: number[][] = nodes.map((node) => node.patterns);
    for (const s of order) {
      for (const [code, child] of nodes[s]!.children) {
        this.fail[child] = s === 0 ? 0 : this.next(this.fail[s]!, code);
        outputs[child] = [...outputs[child]!, ...outputs[this.fail[child]!]!];
      }
    }
    this.outStart = new Int32Array(n);
    this.outCount = new Int32Array(n);
    this.outPatterns = new Int32Array(outputs.reduce((sum, o) => sum + o.length, 0));
    let o = 0;
    for (let s = 0; s < n; s++) {
      this.outStart[s] = o;
      this.outCount[s] = outputs[s]!.length;
      for (const p of outputs[s]!) this.outPatterns[o++] = p;
    }
  }

  /** The child of state s on code, or -1. */
  private child(s: number, code: number): number {
    if (s === 0) return this.rootNext[code]! || -1;
    let lo = this.childStart[s]!;
    let hi = lo + this.childCount[s]! - 1;
    const codes = this.childCodes;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = codes[mid]!;
      if (c === code) return this.childTargets[mid]!;
      if (c < code) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The state after reading code in state s (following failure links). */
  private next(s: number, code: number): number {
    let state = s;
    for (;;) {
      const c = this.child(state, code);
      if (c >= 0) return c;
      if (state === 0) return 0;
      state = this.fail[state]!;
    }
  }

  /** Calls onHit(pattern, start, end) for every occurrence, in order of end position. */
  scan(codes: Uint16Array, onHit: (pattern: number, start: number, end: number) => void): void {
    // The transition function is inlined: this loop runs once per character of every page.
    const { rootNext, outCount, childStart, childCount, childCodes, childTargets, fail } = this;
    let state = 0;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]!;
      let s = state;
      for (;;) {
        if (s === 0) {
          s = rootNext[code]!;
          break;
        }
        const first = childStart[s]!;
        const count = childCount[s]!;
        let target = -1;
        if (count === 1) {
          if (childCodes[first] === code) target = childTargets[first]!;
        } else if (count > 1) {
          let lo = first;
          let hi = first + count - 1;
          while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            const c = childCodes[mid]!;
            if (c === code) {
              target = childTargets[mid]!;
              break;
            }
            if (c < code) lo = mid + 1;
            else hi = mid - 1;
          }
        }
        if (target >= 0) {
          s = target;
          break;
        }
        s = fail[s]!;
      }
      state = s;
      if (state !== 0 && outCount[state] !== 0) this.emit(state, i + 1, onHit);
    }
  }

  private emit(state: number, end: number, onHit: (pattern: number, start: number, end: number) => void) {
    const from = this.outStart[state]!;
    const to = from + this.outCount[state]!;
    for (let k = from; k < to; k++) {
      const pattern = this.outPatterns[k]!;
      onHit(pattern, end - this.lengths[pattern]!, end);
    }
  }

  /** All occurrences as objects (convenient for tests and small texts). */
  findAll(text: string): AutomatonHit[] {
    const hits: AutomatonHit[] = [];
    const codes = new Uint16Array(text.length);
    for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
    this.scan(codes, (pattern, start, end) => hits.push({ pattern, start, end }));
    return hits;
  }
}

function buildTrie(patterns: readonly string[]): BuildNode[] {
  const nodes: BuildNode[] = [{ children: new Map(), patterns: [] }];
  patterns.forEach((pattern, index) => {
    if (!pattern) return;
    let s = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      let next = nodes[s]!.children.get(code);
      if (next === undefined) {
        next = nodes.length;
        nodes.push({ children: new Map(), patterns: [] });
        nodes[s]!.children.set(code, next);
      }
      s = next;
    }
    nodes[s]!.patterns.push(index);
  });
  return nodes;
}

function breadthFirst(nodes: BuildNode[]): number[] {
  const order: number[] = [0];
  for (let k = 0; k < order.length; k++) {
    for (const child of nodes[order[k]!]!.children.values()) order.push(child);
  }
  return order;
}
