// A minimal HTTP client for the fixture-web tests: connects to 127.0.0.1:port and sends the URL's
// host in the Host header, as a crawler resolving through the host map does.
import http from "node:http";

export type Fetched = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** False when the connection ended before the whole body (or any answer) arrived. */
  complete: boolean;
  error?: string;
};

export type FetchOptions = {
  method?: string;
  timeoutMs?: number;
  userAgent?: string;
  agent?: http.Agent;
  /** Count bytes without keeping them (for the huge page). */
  discardBody?: boolean;
  /** Hang up once this many body bytes have arrived. */
  abortAfterBytes?: number;
};

export function fetchVia(port: number, url: string, options: FetchOptions = {}): Promise<Fetched> {
  const u = new URL(url);
  return new Promise((resolve) => {
    let status = 0;
    let headers: http.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (complete: boolean, error?: string) => {
      if (settled) return;
      settled = true;
      const body = options.discardBody ? Buffer.alloc(0) : Buffer.concat(chunks);
      resolve({
        status,
        headers: { ...headers, "x-received-bytes": String(received) },
        body,
        complete,
        error,
      });
    };
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: options.method ?? "GET",
        path: `${u.pathname}${u.search}`,
        headers: { host: u.host, "user-agent": options.userAgent ?? "fixture-web-test" },
        agent: options.agent ?? false,
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        status = res.statusCode ?? 0;
        headers = res.headers;
        res.on("data", (c: Buffer) => {
          received += c.length;
          if (!options.discardBody) chunks.push(c);
          if (received >= (options.abortAfterBytes ?? Number.POSITIVE_INFINITY)) {
            req.destroy();
            finish(false, "aborted by client");
          }
        });
        res.on("end", () => finish(res.complete));
        res.on("aborted", () => finish(false, "aborted"));
        res.on("error", (e) => finish(false, e.message));
      },
    );
    req.on("timeout", () => {
      req.destroy();
      finish(false, "timeout");
    });
    req.on("error", (e) => finish(false, e.message));
    req.end();
  });
}

export function receivedBytes(f: Fetched): number {
  return Number(f.headers["x-received-bytes"]);
}
