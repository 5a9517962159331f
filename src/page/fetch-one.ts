// One page over HTTP(S) for `redshield analyze URL`: a deadline on the whole exchange, a size
// limit on the (decompressed) body, a few redirects, and REDSHIELD_HOST_MAP honoured — the
// connection goes to the mapped address while the URL and Host header keep the real name.
// The sweeps have their own politeness-aware fetcher; this one is for single pages.
import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { PageError } from "../errors.ts";
import { type HostMap, resolveHost } from "./host-map.ts";

export type FetchOptions = {
  hostMap?: HostMap;
  /** Deadline for the whole fetch, redirects included. */
  timeoutSecs?: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
};

export type FetchedPage = {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string | null;
  body: Buffer;
};

const defaults = {
  timeoutSecs: 20,
  maxBodyBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: "redshield-analyze",
};

type Response = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

function decompressed(res: http.IncomingMessage): Readable {
  switch ((res.headers["content-encoding"] ?? "").toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return res.pipe(zlib.createGunzip());
    case "deflate":
      return res.pipe(zlib.createInflate());
    case "br":
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}

function readBody(res: http.IncomingMessage, url: string, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const stream = decompressed(res);
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy();
        stream.destroy();
        reject(new PageError("too_large", `${url}: body larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", (error) => reject(new PageError("read_failed", `${url}: ${error.message}`, true)));
  });
}

function requestOnce(
  url: URL,
  o: Required<Omit<FetchOptions, "hostMap">> & { hostMap: HostMap; signal: AbortSignal },
) {
  const secure = url.protocol === "https:";
  const port = Number(url.port) || (secure ? 443 : 80);
  const target = resolveHost(o.hostMap, url.hostname, port);
  const options: https.RequestOptions = {
    method: "GET",
    host: target?.address ?? url.hostname,
    port: target?.port ?? port,
    path: `${url.pathname}${url.search}`,
    headers: {
      host: url.host,
      "user-agent": o.userAgent,
      accept: "text/html,application/xhtml+xml,*/*;q=0.5",
      "accept-encoding": "gzip, deflate, br",
    },
    servername: url.hostname,
    signal: o.signal,
  };
  return new Promise<Response>((resolve, reject) => {
    const req = (secure ? https : http).request(options, (res) => {
      readBody(res, url.href, o.maxBodyBytes).then(
        (body) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }),
        reject,
      );
    });
    req.on("error", (error) => {
      const timedOut = o.signal.aborted;
      reject(
        new PageError(
          timedOut ? "timeout" : "connect_failed",
          timedOut
            ? `${url.href}: no complete answer within ${o.timeoutSecs} s`
            : `${url.href}: ${error.message}`,
          true,
        ),
      );
    });
    req.end();
  });
}

/** Fetches url, following up to maxRedirects redirects. Throws PageError on failure. */
export async function fetchOne(url: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const o = { ...defaults, ...options, hostMap: options.hostMap ?? [] };
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new PageError("bad_url", `"${url}" is not a valid URL`);
  }
  const signal = AbortSignal.timeout(o.timeoutSecs * 1000);
  for (let hop = 0; hop <= o.maxRedirects; hop++) {
    if (current.protocol !== "http:" && current.protocol !== "https:") {
      throw new PageError("bad_url", `${current.href}: only http and https are fetched`);
    }
    const res = await requestOnce(current, { ...o, signal });
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      current = new URL(location, current);
      continue;
    }
    return {
      url,
      finalUrl: current.href,
      status: res.status,
      contentType: res.headers["content-type"] ?? null,
      body: res.body,
    };
  }
  throw new PageError("too_many_redirects", `${url}: more than ${o.maxRedirects} redirects`);
}
