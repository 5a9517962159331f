// The frontier of one shard attempt, as the request manager of Crawlee's BasicCrawler: a plain
// in-memory FIFO. A shard's frontier lives and dies with the attempt (a resumed shard starts over
// from its targets), so Crawlee's storage-backed RequestQueue bought nothing here but per-request
// validation, locking and copying — the largest Crawlee cost per page in the crawl benchmark.
// Every attempt has its own frontier, so no URL is "already seen" from an earlier run.
import {
  type AddRequestsBatchedResult,
  type IRequestManager,
  Request,
  type RequestOptions,
  type RequestQueueOperationInfo,
  type Source,
} from "crawlee";

type Pending = { request: Request; key: string };

export class ShardFrontier implements IRequestManager {
  private ready: Request[] = [];
  private head = 0;
  private readonly known = new Set<string>();
  private inProgress = 0;
  private handled = 0;

  /** Queues requests whose unique key was never queued before; returns how many were new. */
  add(requests: readonly (RequestOptions | Request)[]): number {
    let added = 0;
    for (const options of requests) {
      const r = options instanceof Request ? options : new Request(options);
      if (this.known.has(r.uniqueKey)) continue;
      this.known.add(r.uniqueKey);
      this.ready.push(r);
      added++;
    }
    return added;
  }

  async fetchNextRequest<T extends object = Record<string, unknown>>(): Promise<Request<T> | null> {
    if (this.head >= this.ready.length) return null;
    const r = this.ready[this.head]!;
    this.ready[this.head++] = undefined as unknown as Request;
    // Drop the consumed prefix now and then, so a long shard does not keep every request.
    if (this.head > 1024 && this.head * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.head);
      this.head = 0;
    }
    this.inProgress++;
    return r as unknown as Request<T>;
  }

  async markRequestHandled(request: Request): Promise<RequestQueueOperationInfo> {
    this.inProgress--;
    this.handled++;
    request.handledAt ??= new Date().toISOString();
    return this.info(request, true);
  }

  async reclaimRequest(
    request: Request,
    options?: { forefront?: boolean },
  ): Promise<RequestQueueOperationInfo | null> {
    this.inProgress--;
    if (options?.forefront) this.ready.splice(this.head, 0, request);
    else this.ready.push(request);
    return this.info(request, false);
  }

  async isEmpty(): Promise<boolean> {
    return this.head >= this.ready.length;
  }

  async isFinished(): Promise<boolean> {
    return this.head >= this.ready.length && this.inProgress === 0;
  }

  async handledCount(): Promise<number> {
    return this.handled;
  }

  getTotalCount(): number {
    return this.known.size;
  }

  getPendingCount(): number {
    return this.ready.length - this.head + this.inProgress;
  }

  async addRequest(source: Source): Promise<RequestQueueOperationInfo> {
    const r = toRequest(source);
    const wasKnown = this.known.has(r.uniqueKey);
    this.add([r]);
    return this.info(r, false, wasKnown);
  }

  async addRequestsBatched(requests: unknown): Promise<AddRequestsBatchedResult> {
    const list: Request[] = [];
    for await (const s of requests as AsyncIterable<Source> | Iterable<Source>) list.push(toRequest(s));
    const processed: Pending[] = list.map((request) => ({ request, key: request.uniqueKey }));
    const before = new Set(processed.filter((p) => this.known.has(p.key)).map((p) => p.key));
    this.add(list);
    return {
      addedRequests: processed.map((p) => this.info(p.request, false, before.has(p.key))),
      waitForAllRequestsToBeAdded: Promise.resolve([]),
    };
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Request> {
    for (;;) {
      const r = await this.fetchNextRequest();
      if (!r) return;
      yield r;
    }
  }

  private info(request: Request, handled: boolean, wasAlreadyPresent = true): RequestQueueOperationInfo {
    return {
      requestId: request.id ?? request.uniqueKey,
      uniqueKey: request.uniqueKey,
      wasAlreadyHandled: handled,
      wasAlreadyPresent,
      forefront: false,
    };
  }
}

function toRequest(source: Source): Request {
  if (source instanceof Request) return source;
  return new Request(typeof source === "string" ? { url: source } : (source as RequestOptions));
}
