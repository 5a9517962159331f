// The fixture web: one plain node:http server on 127.0.0.1 serving many virtual sites chosen by
// the Host header (test/fixtures/web). Crawlers reach it through REDSHIELD_HOST_MAP (`hostMap`),
// so URLs keep their real-looking host names. Static pages are prebuilt Buffers; traps, failures,
// the huge page and the synthetic shops are answered by handlers. close() destroys open sockets,
// cancels pending slow answers and stops streaming.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sharedAssets } from "../fixtures/web/assets.ts";
import { type BuildOptions, buildContext } from "../fixtures/web/context.ts";
import { prepared, preparedHtml, preparePage, prepareRobots } from "../fixtures/web/prepare.ts";
import { allSites } from "../fixtures/web/sites/index.ts";
import { syntheticIndex, syntheticPage } from "../fixtures/web/synthetic.ts";
import type {
  BuildContext,
  DynamicHandler,
  FixtureSite,
  HandlerTools,
  PreparedResponse,
} from "../fixtures/web/types.ts";

export { PLACEHOLDER_LABEL_SERIALS } from "../fixtures/web/serials.ts";

export type FixtureWebOptions = BuildOptions & {
  /** Port to listen on; default 0 (any free port). */
  port?: number;
  /** How many requests the log keeps (all are counted); default unlimited. */
  requestLogLimit?: number;
};

export type RequestRecord = Readonly<{
  /** Milliseconds since the epoch, when the request arrived. */
  time: number;
  method: string;
  /** Host header, lower case, without port. */
  host: string;
  /** Path and query as requested. */
  path: string;
  url: string;
  userAgent: string;
}>;

export class RequestLog {
  readonly entries: RequestRecord[] = [];
  /** Every request seen, including those beyond the limit. */
  total = 0;

  constructor(private readonly limit: number) {}

  add(record: RequestRecord): void {
    this.total++;
    if (this.entries.length < this.limit) this.entries.push(record);
  }

  urls(): string[] {
    return this.entries.map((r) => r.url);
  }

  forHost(host: string): RequestRecord[] {
    return this.entries.filter((r) => r.host === host);
  }

  has(url: string): boolean {
    return this.entries.some((r) => r.url === url);
  }

  clear(): void {
    this.entries.length = 0;
    this.total = 0;
  }
}

export type FixtureWeb = {
  port: number;
  /** REDSHIELD_HOST_MAP value sending every .cn, .com and .net host here. */
  hostMap: string;
  url(host: string, path?: string): string;
  requests: RequestLog;
  close(): Promise<void>;
};

type SiteRuntime = {
  statics: ReadonlyMap<string, PreparedResponse>;
  robots: PreparedResponse | null;
  dynamic?: DynamicHandler;
};

function siteRuntime(site: FixtureSite, ctx: BuildContext): SiteRuntime {
  const statics = new Map(Object.entries(site.pages(ctx)).map(([path, spec]) => [path, preparePage(spec)]));
  return { statics, robots: prepareRobots(site.robots), dynamic: site.dynamic?.(ctx) };
}

function runtimesByHost(ctx: BuildContext): Map<string, SiteRuntime> {
  const byHost = new Map<string, SiteRuntime>();
  for (const site of allSites) {
    const runtime = siteRuntime(site, ctx);
    for (const host of [site.host, ...(site.aliases ?? [])]) byHost.set(host, runtime);
  }
  return byHost;
}

function syntheticRuntime(ctx: BuildContext): SiteRuntime {
  return {
    statics: new Map(),
    robots: prepareRobots(undefined),
    dynamic: (_req, res, url, tools) => {
      const i = syntheticIndex(url.hostname, ctx.syntheticSites);
      const html = i === null || url.search ? null : syntheticPage(i, url.pathname);
      if (html === null) return false;
      if (ctx.syntheticDelayMs > 0) setTimeout(() => tools.html(res, html), ctx.syntheticDelayMs);
      else tools.html(res, html);
      return true;
    },
  };
}

function hostOf(header: string | undefined): string {
  return (header ?? "").toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
}

const notFound = preparedHtml("<!DOCTYPE html><title>404</title><h1>404 页面不存在</h1>", 404);
const unknownHost = preparedHtml("<!DOCTYPE html><title>404</title><h1>404 未知站点</h1>", 404);
const badRequest = prepared(400, "text/plain; charset=utf-8", Buffer.from("bad request\n"));
const notAllowed = prepared(405, "text/plain; charset=utf-8", Buffer.from("method not allowed\n"));
const serverError = prepared(500, "text/plain; charset=utf-8", Buffer.from("fixture handler failed\n"));

function send(res: ServerResponse, r: PreparedResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(r.status, r.headers);
  res.end(res.req.method === "HEAD" ? undefined : r.body);
}

function makeTools(timers: Set<NodeJS.Timeout>, isClosing: () => boolean): HandlerTools {
  return {
    send,
    html: (res, html, status = 200) => send(res, preparedHtml(html, status)),
    redirect: (res, status, location) => {
      const r = preparedHtml(
        `<!DOCTYPE html><title>${status}</title><a href="${location}">${location}</a>`,
        status,
      );
      send(res, { ...r, headers: { ...r.headers, location } });
    },
    later: (res, delayMs, fn) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, delayMs);
      timers.add(timer);
      res.once("close", () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
    },
    closing: isClosing,
  };
}

function requestUrl(host: string, raw: string): URL | null {
  try {
    return new URL(raw.startsWith("/") ? `http://${host || "unknown.invalid"}${raw}` : raw);
  } catch {
    return null;
  }
}

export async function startFixtureWeb(options: FixtureWebOptions = {}): Promise<FixtureWeb> {
  const ctx = buildContext(options);
  const sites = runtimesByHost(ctx);
  const synthetic = syntheticRuntime(ctx);
  const assets = sharedAssets();
  const requests = new RequestLog(options.requestLogLimit ?? Number.POSITIVE_INFINITY);
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;
  const tools = makeTools(timers, () => closing);

  /** The prepared answer, or null when a dynamic handler has taken the response over. */
  const answer = (req: IncomingMessage, res: ServerResponse, host: string): PreparedResponse | null => {
    if (req.method !== "GET" && req.method !== "HEAD") return notAllowed;
    const url = requestUrl(host, req.url ?? "/");
    if (!url) return badRequest;
    const site =
      sites.get(host) ?? (syntheticIndex(host, ctx.syntheticSites) === null ? undefined : synthetic);
    if (!site) return unknownHost;
    if (url.pathname === "/robots.txt") return site.robots ?? notFound;
    const fixed = assets.get(url.pathname) ?? (url.search ? undefined : site.statics.get(url.pathname));
    if (fixed) return fixed;
    return site.dynamic?.(req, res, url, tools) ? null : notFound;
  };

  const server = http.createServer((req, res) => {
    res.on("error", () => {}); // a client that went away mid-answer is not the server's problem
    const host = hostOf(req.headers.host);
    const path = req.url ?? "/";
    requests.add({
      time: Date.now(),
      method: req.method ?? "",
      host,
      path,
      url: `http://${host}${path}`,
      userAgent: req.headers["user-agent"] ?? "",
    });
    try {
      const prepared = answer(req, res, host);
      if (prepared) send(res, prepared);
    } catch {
      send(res, serverError);
    }
  });
  server.on("clientError", (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    hostMap: ["cn", "com", "net"].map((tld) => `*.${tld}=127.0.0.1:${port}`).join(","),
    url: (host, path = "/") => `http://${host}${path}`,
    requests,
    close: () => {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}
