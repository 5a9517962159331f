// HTTP fetching for sweeps: host map, a deadline on the whole exchange, a body size cap, manual
// redirects with a hop limit, keep-alive per connect address. A hostile page costs one page:
// every failure comes back as a PageError with a kind, never as a hang or an unbounded buffer.
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
};

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 256 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

export class Fetcher {
  constructor(
    private readonly hostMap: HostMap,
    private readonly userAgent: string,
  ) {}

  /** GET url following redirects; throws PageError(kind) on any failure. */
  async get(url: string, limits: FetchLimits): Promise<FetchedPage> {
    const deadline = Date.now() + limits.pageTimeoutSecs * 1000;
    const redirects: string[] = [];
    let current = url;
    for (;;) {
      const res = await this.once(current, limits, deadline);
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

  private once(url: string, limits: FetchLimits, deadline: number) {
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
      // The first failure wins: destroying the socket afterwards raises secondary errors.
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(
          error instanceof PageError ? error : new PageError(kindOf(error), `${url}: ${error.message}`, true),
        );
        req.destroy();
      };
      const timeoutMessage = `${url}: no complete answer within ${limits.pageTimeoutSecs} s`;
      const timer = setTimeout(() => fail(new PageError("timeout", timeoutMessage, true)), remaining);
      req.on("error", fail);
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const declared = Number(res.headers["content-length"] ?? 0);
        if (declared > limits.maxBodyBytes) {
          fail(
            new PageError("too_large", `${url}: body of ${declared} bytes exceeds ${limits.maxBodyBytes}`),
          );
          return;
        }
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBodyBytes) {
            fail(new PageError("too_large", `${url}: body exceeds ${limits.maxBodyBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on("error", fail);
        res.on("aborted", () =>
          fail(new PageError("connection_reset", `${url}: connection closed mid-body`, true)),
        );
        res.on("end", () => {
          if (!res.complete) {
            fail(new PageError("connection_reset", `${url}: connection closed mid-body`, true));
            return;
          }
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: flattenHeaders(res.headers),
            body: Buffer.concat(chunks),
            requestHeaders,
            fetchedAt: new Date(),
            remoteAddress: `${res.socket?.remoteAddress ?? ""}:${res.socket?.remotePort ?? ""}`,
          });
        });
      });
      req.end();
    });
  }
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
