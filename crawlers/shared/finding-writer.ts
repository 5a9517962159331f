// Pages with findings are written in batches (src/findings recordPages): one transaction and a few
// queries per batch instead of several queries per page. A batch is written when it is full or a
// moment after its first page, and close() writes the rest; the shard is reported done only after
// close(), so a killed process loses nothing that a resumed shard would not crawl again, and
// findings, keyed by fingerprint, come out the same. A failed write fails every later add() and
// close(), so the shard fails rather than lose findings quietly.
import type { Prisma } from "../../src/db/index.ts";
import type { EvidenceStore } from "../../src/evidence/index.ts";
import { type PageRecord, recordPages } from "../../src/findings/record.ts";

export type FindingWriterOptions = {
  /** A batch is written when it holds this many pages… */
  maxPages: number;
  /** …or about this many bytes of bodies, texts and screenshots (pages with findings may be big)… */
  maxBytes: number;
  /** …or this long after its first page arrived. */
  maxDelayMillis: number;
};

const defaults: FindingWriterOptions = { maxPages: 64, maxBytes: 16 * 1024 * 1024, maxDelayMillis: 500 };

function sizeOf(page: PageRecord): number {
  const c = page.capture;
  return c.body.byteLength + c.text.length * 2 + (c.screenshot?.byteLength ?? 0);
}

export class FindingWriter {
  private pending: PageRecord[] = [];
  private pendingBytes = 0;
  private readonly options: FindingWriterOptions;
  private writing: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly prisma: Prisma,
    private readonly store: EvidenceStore,
    options: Partial<FindingWriterOptions> = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  /** Queues a page; the page that fills a batch waits for it to be written (back-pressure). */
  async add(page: PageRecord): Promise<void> {
    if (this.failure) throw this.failure;
    if (page.findings.length === 0) return;
    this.pending.push(page);
    this.pendingBytes += sizeOf(page);
    if (this.pending.length >= this.options.maxPages || this.pendingBytes >= this.options.maxBytes)
      return this.flush();
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush().catch(() => {}), this.options.maxDelayMillis);
      this.timer.unref();
    }
  }

  /** Writes what is queued, after any batch already being written. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    this.writing = this.writing.then(async () => {
      if (this.failure) throw this.failure;
      if (batch.length === 0) return;
      try {
        await recordPages(this.prisma, this.store, batch);
      } catch (error) {
        this.failure = error as Error;
        throw error;
      }
    });
    return this.writing;
  }

  /** Writes everything queued; throws if any batch failed. */
  async close(): Promise<void> {
    await this.flush();
  }
}
