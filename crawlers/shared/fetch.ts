// HTTP fetching for sweeps: host map, a deadline on the whole exchange, a body size cap, manual
// redirects with a hop limit, keep-alive per connect address. A hostile page costs one page:
// every failure comes back as a PageError with a kind, never as a hang or an unbounded buffer.
// With a recorder (sweeps that keep a WARC archive, warc.ts) every exchange that got an answer,
// redirect hops and robots.txt included, is handed over as it went over the wire; without one
// nothing extra is kept or copied.
import http from "node:http";
import https from "node:https";
import { PageError } from "../../src/errors.ts";
import { type HostMap, resolveHost } from "../../src/page/host-map.ts";

export type FetchLimits = { pageTimeoutSecs: number; maxBodyBytes: number; maxRedirects: number };
export type FetchedPage = {
  requestedUrl: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  redirects: string[];
  requestHeaders: Record<string, string>;
  fetchedAt: Date;
  remoteAddress: string;
  /** The WARC response record of this page, when the sweep keeps an archive. */
  archiveId?: string;
};

/** Why an archived answer is incomplete (the WARC-Truncated values). */
export type Truncation = "length" | "time" | "disconnect" | "unspecified";

/** One request and its answer as they went over the wire, for the archive. */
export type Exchange = {
  url: string;
  /** Request line and headers exactly as Node wrote them (CRLF line ends, blank line included). */
  requestHead: string;
  httpVersion: string;
  status: number;
  statusMessage: string;
  /** Response header names and values as received: case, order and repeats kept. */
  rawHeaders: string[];
  /** The body as received (transfer coding removed by Node, content coding untouched). */
  body: Buffer;
  truncated: Truncation | null;
  fetchedAt: Date;
  remoteAddress: string;
  /** The URL whose redirect led here, for redirect hops. */
  redirectedFrom: string | null;
};
/** Archives an exchange; resolves to its response record's id (null if not archived). Never rejects. */
export type ExchangeRecorder = (exchange: Exchange) => Promise<string | null>;

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 256 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

export class Fetcher {
  constructor(
    private readonly hostMap: HostMap,
    private readonly userAgent: string,
    private readonly recorder: ExchangeRecorder | null = null,
  ) {}

  /** GET url following redirects; throws PageError(kind) on any failure. */
  async get(url: string, limits: FetchLimits): Promise<FetchedPage> {
    const deadline = Date.now() + limits.pageTimeoutSecs * 1000;
    const redirects: string[] = [];
    let current = url;
    for (;;) {
      const res = await this.once(current, limits, deadline, redirects.at(-1) ?? null);
      const location = res.headers["location"];
      if (res.status >= 300 && res.status < 400 && location) {
        if (redirects.length >= limits.maxRedirects) {
          throw new PageError("too_many_redirects", `${url}: more than ${limits.maxRedirects} redirects`);
        }
        redirects.push(current);
        current = new URL(location, current).toString();
        if (!/^https?:/.test(current)) throw new PageError("bad_redirect", `${url}: redirect to ${current}`);
        continue;
      }
      return { ...res, requestedUrl: url, finalUrl: current, redirects };
    }
  }

  private once(url: string, limits: FetchLimits, deadline: number, redirectedFrom: string | null) {
    return new Promise<Omit<FetchedPage, "requestedUrl" | "finalUrl" | "redirects">>((resolve, reject) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        reject(new PageError("bad_url", `not a valid URL: ${url}`));
        return;
      }
      const secure = target.protocol === "https:";
      const port = Number(target.port) || (secure ? 443 : 80);
      const mapped = resolveHost(this.hostMap, target.hostname, port);
      const requestHeaders = {
        host: target.host,
        "user-agent": this.userAgent,
        accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        "accept-language": "zh-CN,zh;q=0.9",
      };
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        reject(
          new PageError("timeout", `${url}: no complete answer within ${limits.pageTimeoutSecs} s`, true),
        );
        return;
      }
      const req = (secure ? https : http).request({
        host: mapped?.address ?? target.hostname,
        port: mapped?.port ?? port,
        servername: secure ? target.hostname : undefined,
        path: `${target.pathname}${target.search}`,
        method: "GET",
        headers: requestHeaders,
        agent: secure ? agents.https : agents.http,
      });
      let settled = false;
      let answer: http.IncomingMessage | null = null;
      const chunks: Buffer[] = [];
      let size = 0;
      const recorder = this.recorder;
      const exchange = (
        res: http.IncomingMessage,
        body: Buffer,
        truncated: Truncation | null,
        fetchedAt = new Date(),
      ): Exchange => ({
        url,
        requestHead: requestHeadOf(req, target, requestHeaders),
        httpVersion: res.httpVersion,
        status: res.statusCode ?? 0,
        statusMessage: res.statusMessage ?? "",
        rawHeaders: res.rawHeaders,
        body,
        truncated,
        fetchedAt,
        remoteAddress: `${res.socket?.remoteAddress ?? ""}:${res.socket?.remotePort ?? ""}`,
        redirectedFrom,
      });
      // The first failure wins: destroying the socket afterwards raises secondary errors.
      const fail = (error: Error, truncated: Truncation = "unspecified") => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const failure =
          error instanceof PageError ? error : new PageError(kindOf(error), `${url}: ${error.message}`, true);
        req.destroy();
        if (!recorder || !answer) {
          reject(failure);
          return;
        }
        // The answer had begun: the archive keeps its head and the bytes so far, marked truncated.
        void recorder(exchange(answer, Buffer.concat(chunks), truncated)).finally(() => reject(failure));
      };
      const timeoutMessage = `${url}: no complete answer within ${limits.pageTimeoutSecs} s`;
      const timer = setTimeout(() => fail(new PageError("timeout", timeoutMessage, true), "time"), remaining);
      req.on("error", (error) => fail(error, "disconnect"));
      req.on("response", (res) => {
        answer = res;
        const declared = Number(res.headers["content-length"] ?? 0);
        if (declared > limits.maxBodyBytes) {
          fail(
            new PageError("too_large", `${url}: body of ${declared} bytes exceeds ${limits.maxBodyBytes}`),
            "length",
          );
          return;
        }
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBodyBytes) {
            // The archive keeps the body up to the cap.
            if (recorder) chunks.push(chunk.subarray(0, chunk.length - (size - limits.maxBodyBytes)));
            fail(new PageError("too_large", `${url}: body exceeds ${limits.maxBodyBytes} bytes`), "length");
            return;
          }
          chunks.push(chunk);
        });
        res.on("error", (error) => fail(error, "disconnect"));
        res.on("aborted", () =>
          fail(new PageError("connection_reset", `${url}: connection closed mid-body`, true), "disconnect"),
        );
        res.on("end", () => {
          if (!res.complete) {
            fail(new PageError("connection_reset", `${url}: connection closed mid-body`, true), "disconnect");
            return;
          }
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const page = {
            status: res.statusCode ?? 0,
            headers: flattenHeaders(res.headers),
            body: Buffer.concat(chunks),
            requestHeaders,
            fetchedAt: new Date(),
            remoteAddress: `${res.socket?.remoteAddress ?? ""}:${res.socket?.remotePort ?? ""}`,
          };
          if (!recorder) {
            resolve(page);
            return;
          }
          void recorder(exchange(res, page.body, null, page.fetchedAt)).then((id) =>
            resolve(id === null ? page : { ...page, archiveId: id }),
          );
        });
      });
      req.end();
    });
  }
}

/** What Node wrote on the socket for this request (its own `_header`), or the same rebuilt. */
function requestHeadOf(req: http.ClientRequest, target: URL, headers: Record<string, string>): string {
  const written = (req as unknown as { _header?: unknown })._header;
  if (typeof written === "string") return written;
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  return `GET ${target.pathname}${target.search} HTTP/1.1\r\n${lines.join("")}\r\n`;
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

function kindOf(error: Error & { code?: string }): string {
  switch (error.code) {
    case "ECONNREFUSED":
      return "connection_refused";
    case "ECONNRESET":
    case "EPIPE":
      return "connection_reset";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "dns";
    case "HPE_INVALID_CONSTANT":
    case "HPE_INVALID_HEADER_TOKEN":
      return "bad_response";
    default:
      return "network";
  }
}
