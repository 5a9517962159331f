// Benchmark: the findings queue of the review UI at scale. 200,000 findings in SQLite and
// 1,000,000 in PostgreSQL (bulk-inserted in SQL), then a few hundred signed-in requests of the
// real list route (fastify inject: session, filter, keyset page, rendering) with varied filters
// and deep keyset pages. Target: p95 under 100 ms. Run alone with `npx tsx bench/review.ts`, or
// through benchReview() from bench/run.ts.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { FastifyInstance } from "fastify";
import { loadEnv } from "../src/config/env.ts";
import { type Db, openDb, type Provider } from "../src/db/index.ts";
import { categories } from "../src/findings/index.ts";
import { setLogLevel } from "../src/log.ts";
import { buildApp } from "../src/review/app.ts";
import { encodeCursor } from "../src/review/data/findings-queue.ts";
import { createTempDb, pgUnavailable } from "../test/helpers/temp-db.ts";
import { addStaff, signIn } from "../test/review/helpers.ts";
import { usccFor } from "../test/helpers/register-files.ts";

const sizes: Record<Provider, number> = { sqlite: 200_000, postgresql: 1_000_000 };
const entities = 2_000;
const regions = [
  "滨江分局",
  "江北分局",
  "城东分局",
  "城西分局",
  "高新分局",
  "开发区分局",
  "港区分局",
  "南湖分局",
];
const sweeps = ["entities", "discover", "p2p-lending", "cash-loan", "bank-card"];
const spreadSecs = 90 * 24 * 3600; // findings last seen over the past 90 days
const requestsPerProvider = 400;

const json = (values: readonly string[]) => JSON.stringify(values).replaceAll("'", "''");

/**
 * Column expressions from the row number i, the same for both providers: categories and sweeps
 * cycle, most findings are new, severity skews low, a fifth have no known entity.
 */
function rowExpressions(pick: (list: string, index: string) => string) {
  return {
    category: pick(json(categories), "i % 12"),
    severity: pick(json(["low", "low", "medium", "medium", "high"]), "i % 5"),
    status: pick(
      json(["new", "new", "new", "new", "new", "new", "new", "confirmed", "dismissed", "handed_over"]),
      "(i / 7) % 10",
    ),
    sweep: pick(json(sweeps), "i % 5"),
    region: pick(json(regions), "i % 8"),
  };
}

export async function insertEntities(db: Db): Promise<void> {
  const data = Array.from({ length: entities }, (_, n) => ({
    uscc: usccFor(n + 1),
    name: `江湾市第${n + 1}号网络科技有限公司`,
    kind: "enterprise",
    status: "存续",
    region: regions[n % regions.length]!,
  }));
  for (let i = 0; i < data.length; i += 500)
    await db.prisma.entity.createMany({ data: data.slice(i, i + 500) });
}

export async function insertFindingsPg(db: Db, n: number): Promise<void> {
  const e = rowExpressions((list, index) => `('${list}'::jsonb ->> ((${index})::int))`);
  await db.prisma.$executeRawUnsafe(`INSERT INTO "Finding"
    ("fingerprint","category","rule","severity","url","domain","entityId","status","excerpt","sweep","region",
     "firstSeenAt","lastSeenAt","firstRunId","lastRunId","evidenceDigest")
    SELECT 'bench-' || i, ${e.category}, 'bench.rule', ${e.severity},
      'https://site' || (i % 50000) || '.example.cn/p' || i, 'site' || (i % 50000) || '.example.cn',
      CASE WHEN i % 5 = 0 THEN NULL ELSE (i % ${entities}) + 1 END, ${e.status},
      '页面写有【保本保息】年化收益' || (i % 30) || '%', ${e.sweep}, ${e.region},
      (now() AT TIME ZONE 'UTC') - ((i * 7919) % ${spreadSecs} + 3600) * interval '1 second',
      (now() AT TIME ZONE 'UTC') - ((i * 7919) % ${spreadSecs}) * interval '1 second', 1, 1, ''
    FROM generate_series(1::bigint, ${n}::bigint) AS i`);
  await db.prisma.$executeRawUnsafe(`ANALYZE "Finding"`);
}

export async function insertFindingsSqlite(db: Db, n: number): Promise<void> {
  const e = rowExpressions((list, index) => `json_extract('${list}', '$[' || (${index}) || ']')`);
  const at = (offset: string) =>
    `strftime('%Y-%m-%dT%H:%M:%S', 'now', '-' || (${offset}) || ' seconds') || '.000+00:00'`;
  const chunk = 50_000;
  for (let start = 1; start <= n; start += chunk) {
    const end = Math.min(n, start + chunk - 1);
    await db.prisma.$executeRawUnsafe(`WITH RECURSIVE s(i) AS (SELECT ${start} UNION ALL SELECT i + 1 FROM s WHERE i < ${end})
      INSERT INTO Finding (fingerprint, category, rule, severity, url, domain, entityId, status, excerpt, sweep, region,
        firstSeenAt, lastSeenAt, firstRunId, lastRunId, evidenceDigest)
      SELECT 'bench-' || i, ${e.category}, 'bench.rule', ${e.severity},
        'https://site' || (i % 50000) || '.example.cn/p' || i, 'site' || (i % 50000) || '.example.cn',
        CASE WHEN i % 5 = 0 THEN NULL ELSE (i % ${entities}) + 1 END, ${e.status},
        '页面写有【保本保息】年化收益' || (i % 30) || '%', ${e.sweep}, ${e.region},
        ${at(`(i * 7919) % ${spreadSecs} + 3600`)}, ${at(`(i * 7919) % ${spreadSecs}`)}, 1, 1, ''
      FROM s`);
  }
}

type RequestKind = [label: string, url: (i: number) => string];

/** The request mix: plain and filtered first pages, combined filters, entity, dates, deep pages. */
function requestKinds(): RequestKind[] {
  const day = 24 * 3600_000;
  const chinaDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  const now = Date.now();
  const deep = (i: number) => encodeCursor({ at: now - ((i % 80) + 5) * day, id: 1_000_000_000 });
  return [
    ["first page", () => "/findings"],
    ["status", (i) => `/findings?status=${["new", "confirmed", "dismissed"][i % 3]}`],
    ["category", (i) => `/findings?category=${categories[i % 12]}`],
    ["severity+region", (i) => `/findings?severity=high&region=${encodeURIComponent(regions[i % 8]!)}`],
    ["status+category", (i) => `/findings?status=new&category=${categories[(i * 5) % 12]}`],
    ["sweep+status", (i) => `/findings?sweep=${sweeps[i % 5]}&status=confirmed`],
    ["entity", (i) => `/findings?entity=${usccFor((i % entities) + 1)}`],
    [
      "date range",
      (i) => `/findings?from=${chinaDay(now - ((i % 60) + 7) * day)}&to=${chinaDay(now - (i % 60) * day)}`,
    ],
    ["severity sort", () => "/findings?sort=severity"],
    [
      "severity sort+status+region",
      (i) => `/findings?status=new&sort=severity&region=${encodeURIComponent(regions[i % 8]!)}`,
    ],
    // Deep keyset pages: a cursor far into the data, as after following "next" thousands of times.
    ["deep page", (i) => `/findings?after=${deep(i)}`],
    [
      "deep page+status+category",
      (i) => `/findings?status=new&category=${categories[i % 12]}&after=${deep(i)}`,
    ],
  ];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Milliseconds per request, grouped by kind; requests take turns across kinds. */
async function measure(app: FastifyInstance, cookie: string, count: number): Promise<Map<string, number[]>> {
  const kinds = requestKinds();
  const times = new Map<string, number[]>(kinds.map(([label]) => [label, []]));
  for (let i = 0; i < count; i++) {
    const [label, url] = kinds[i % kinds.length]!;
    const target = url(i);
    const start = performance.now();
    const res = await app.inject({ url: target, headers: { cookie } });
    times.get(label)!.push(performance.now() - start);
    if (res.statusCode !== 200) throw new Error(`${target}: HTTP ${res.statusCode}`);
  }
  return times;
}

const ms = (n: number) => Math.round(n * 10) / 10;

async function benchProvider(provider: Provider): Promise<Record<string, number | string>> {
  const temp = await createTempDb(provider);
  const db = await openDb(temp.url);
  try {
    const n = sizes[provider];
    const started = performance.now();
    await insertEntities(db);
    await (provider === "postgresql" ? insertFindingsPg(db, n) : insertFindingsSqlite(db, n));
    const insertSecs = (performance.now() - started) / 1000;
    const count = await db.prisma.finding.count();
    if (count !== n) throw new Error(`${provider}: ${count} findings inserted, expected ${n}`);
    const env = loadEnv({ DATABASE_URL: temp.url, REDSHIELD_DATA_DIR: temp.dataDir });
    const app = await buildApp({ db, env });
    try {
      const session = await signIn(app, await addStaff(db, "reviewer", "bench"));
      await measure(app, session.cookie, 24); // warm-up: caches, prepared plans
      const byKind = await measure(app, session.cookie, requestsPerProvider);
      const times = [...byKind.values()].flat().sort((a, b) => a - b);
      const slowest = [...byKind.entries()]
        .map(
          ([label, t]) =>
            [
              label,
              percentile(
                t.sort((a, b) => a - b),
                95,
              ),
            ] as const,
        )
        .sort((a, b) => b[1] - a[1])[0]!;
      return {
        [`${provider}_findings`]: n,
        [`${provider}_insert_s`]: Math.round(insertSecs * 10) / 10,
        [`${provider}_requests`]: times.length,
        [`${provider}_p50_ms`]: ms(percentile(times, 50)),
        [`${provider}_p95_ms`]: ms(percentile(times, 95)),
        [`${provider}_max_ms`]: ms(times[times.length - 1]!),
        [`${provider}_slowest_kind`]: slowest[0],
        [`${provider}_slowest_kind_p95_ms`]: ms(slowest[1]),
      };
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    await temp.drop();
  }
}

export async function benchReview(): Promise<Record<string, number | string>> {
  setLogLevel("warn");
  const result: Record<string, number | string> = { target_p95_ms: 100 };
  Object.assign(result, await benchProvider("sqlite"));
  if (pgUnavailable) result.postgresql = `skipped: ${pgUnavailable}`;
  else Object.assign(result, await benchProvider("postgresql"));
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = await benchReview();
  for (const [key, value] of Object.entries(result)) console.log(`${key}: ${value}`);
}
