// The findings queue's filter, read from the query string: only known values pass (a category,
// status or severity not in the lists is dropped), dates are YYYY-MM-DD in Beijing time.
import { categories, findingStatuses, severities } from "../../findings/index.ts";

export type QueueSort = "last_seen" | "severity";

export type QueueFilter = {
  category?: string;
  severity?: string;
  status?: string;
  sweep?: string;
  region?: string;
  /** USCC or part of a name. */
  entity?: string;
  /** Last seen on or after this date (YYYY-MM-DD, Beijing time). */
  from?: string;
  /** Last seen on or before this date. */
  to?: string;
  sort: QueueSort;
};

const filterKeys = ["category", "severity", "status", "sweep", "region", "entity", "from", "to"] as const;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const chinaOffsetMs = 8 * 3600_000;

function oneOf(value: string, allowed: readonly string[]): string | undefined {
  return allowed.includes(value) ? value : undefined;
}

function validDate(value: string): string | undefined {
  if (!datePattern.test(value)) return undefined;
  return Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? undefined : value;
}

/** Free text fields are trimmed and capped; nothing in them is interpreted except as a value. */
function freeText(value: string, max = 100): string | undefined {
  const t = value.trim().slice(0, max);
  return t || undefined;
}

export function parseQueueFilter(query: Record<string, unknown>): QueueFilter {
  const get = (k: string) => (typeof query[k] === "string" ? (query[k] as string) : "");
  const filter: QueueFilter = { sort: get("sort") === "severity" ? "severity" : "last_seen" };
  const values: Partial<Record<(typeof filterKeys)[number], string | undefined>> = {
    category: oneOf(get("category"), categories),
    severity: oneOf(get("severity"), severities),
    status: oneOf(get("status"), findingStatuses),
    sweep: freeText(get("sweep"), 64),
    region: freeText(get("region")),
    entity: freeText(get("entity")),
    from: validDate(get("from")),
    to: validDate(get("to")),
  };
  for (const key of filterKeys) if (values[key] !== undefined) filter[key] = values[key];
  return filter;
}

/** The filter as query-string pairs, for links (next page, exports) that keep it. */
export function filterParams(filter: QueueFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of filterKeys) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (filter.sort !== "last_seen") params.set("sort", filter.sort);
  return params;
}

/** Start of a Beijing calendar day as an instant. */
export function chinaDayStart(ymd: string): Date {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) - chinaOffsetMs);
}

/** End (last millisecond) of a Beijing calendar day. */
export function chinaDayEnd(ymd: string): Date {
  return new Date(chinaDayStart(ymd).getTime() + 24 * 3600_000 - 1);
}
