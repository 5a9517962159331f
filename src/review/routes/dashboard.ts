// The dashboard at "/", for every role: figures for a date range (default: the last 30 days).
import type { FastifyInstance } from "fastify";
import { chinaDate } from "../../labels/index.ts";
import { dashboardData, type DateRange } from "../data/dashboard.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { dashboardBody } from "../views/dashboard-page.ts";
import { cachedByKey } from "./cache.ts";
import { type StaffDeps, sendPage } from "./deps.ts";

const dayMs = 24 * 3600_000;
const maxDays = 366;

function validDay(text: string | undefined): string | null {
  return text && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))
    ? text
    : null;
}

/** The range asked for, put in order and capped at a year; default the last 30 days. */
export function dashboardRange(query: Record<string, string | undefined>, now: Date): DateRange {
  let to = validDay(query.to) ?? chinaDate(now);
  let from = validDay(query.from) ?? chinaDate(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * dayMs));
  if (from > to) [from, to] = [to, from];
  const earliest = chinaDate(new Date(Date.parse(`${to}T00:00:00Z`) - (maxDays - 1) * dayMs));
  if (from < earliest) from = earliest;
  return { from, to };
}

/** The figures are a minute old at most: at a million findings they cost a full table scan. */
const cacheMs = 60_000;

export function registerDashboardRoutes(app: FastifyInstance, deps: StaffDeps): void {
  const cached = cachedByKey(cacheMs, 20, (key) => {
    const [from, to] = key.split("/") as [string, string];
    return dashboardData(deps.db, { from, to });
  });
  app.get("/", async (request, reply) => {
    const range = dashboardRange(request.query as Record<string, string | undefined>, deps.now());
    const data = await cached(`${range.from}/${range.to}`);
    return sendPage(request, reply, deps, {
      title: zhCN.dashboard.title,
      active: "dashboard",
      body: dashboardBody(data, range),
      scripts: ["chart.umd.min.js", "dashboard.js"],
    });
  });
}
