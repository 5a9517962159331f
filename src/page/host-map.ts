// REDSHIELD_HOST_MAP: resolve chosen host names to a fixed address, in HTTP and browser mode
// alike (as curl --resolve or Chromium --host-resolver-rules do). The URL, Host header and
// everything recorded keep the original host name; only the connection goes elsewhere.
// Format: "*.cn=127.0.0.1:8090,shop.example.com=127.0.0.1:8091" (first matching rule wins).
import { ConfigError } from "../errors.ts";

export type HostMapRule = { pattern: string; address: string; port: number | null };
export type HostMap = readonly HostMapRule[];

export function parseHostMap(text: string): HostMap {
  const rules: HostMapRule[] = [];
  for (const [i, raw] of text.split(",").entries()) {
    const item = raw.trim();
    if (!item) continue;
    const m = /^([*a-z0-9.-]+)=([0-9.]+|\[[0-9a-f:]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(item);
    if (!m) {
      throw new ConfigError(
        `REDSHIELD_HOST_MAP item ${i + 1} "${item}" is not PATTERN=ADDRESS[:PORT] (e.g. *.cn=127.0.0.1:8090)`,
        `REDSHIELD_HOST_MAP 第 ${i + 1} 项格式错误`,
      );
    }
    rules.push({ pattern: m[1]!.toLowerCase(), address: m[2]!, port: m[3] ? Number(m[3]) : null });
  }
  return Object.freeze(rules);
}

function matches(pattern: string, host: string): boolean {
  if (pattern === "*") return true;
  if (pattern.startsWith("*.")) return host.endsWith(pattern.slice(1)) || host === pattern.slice(2);
  return host === pattern;
}

/** The address and port to connect to for host:port, or null when no rule applies. */
export function resolveHost(
  map: HostMap,
  host: string,
  port: number,
): { address: string; port: number } | null {
  const h = host.toLowerCase();
  const rule = map.find((r) => matches(r.pattern, h));
  return rule ? { address: rule.address.replace(/^\[|\]$/g, ""), port: rule.port ?? port } : null;
}

/** The same map as a Chromium --host-resolver-rules value. */
export function chromiumResolverRules(map: HostMap): string {
  return map.map((r) => `MAP ${r.pattern} ${r.address}${r.port ? `:${r.port}` : ""}`).join(", ");
}
