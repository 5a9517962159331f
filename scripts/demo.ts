// `npm run demo`: the whole job on the embedded database in about a minute. Loads the sample
// register (the fixture web's operators) and its e-labels, serves the fixture web on loopback,
// runs the `entities`, `discover` and `label-check` sweeps against it through the host map, and
// leaves the findings in data/redshield.db for review (`redshield serve`).
import fs from "node:fs";
import path from "node:path";
import { summary } from "../src/cli/sweep.ts";
import { loadEnv } from "../src/config/env.ts";
import { openDb } from "../src/db/index.ts";
import { addUser } from "../src/users/index.ts";
import { seedUrls } from "../test/fixtures/web/manifest.ts";
import { startFixtureWorld } from "../test/helpers/fixture-world.ts";
import { sweepNow } from "../test/helpers/sweep-harness.ts";

const base = loadEnv();
const db = await openDb(base.databaseUrl);
if ((await db.prisma.sweepRun.count()) > 0) {
  console.log(
    `demo: ${base.databaseUrl} already holds sweep runs; remove ${base.dataDir} to start the demo afresh.`,
  );
}
const work = path.join(base.dataDir, "demo");
fs.mkdirSync(work, { recursive: true });
console.log("demo: loading the sample register and Red Shield e-labels ...");
const { web } = await startFixtureWorld(db, work, { slowPageDelayMs: 6000 });
const env = loadEnv({ ...process.env, REDSHIELD_HOST_MAP: web.hostMap });
console.log(`demo: fixture web on 127.0.0.1:${web.port} (REDSHIELD_HOST_MAP=${web.hostMap})`);
try {
  for (const [name, seeds] of [
    ["entities", []],
    ["discover", seedUrls],
    ["label-check", []],
  ] as const) {
    const started = Date.now();
    const run = await sweepNow(db, env, name, seeds);
    console.log(`demo: ${summary(run)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  const byCategory = await db.prisma.finding.groupBy({
    by: ["category"],
    _count: true,
    orderBy: { category: "asc" },
  });
  console.log("demo: findings by category:");
  for (const row of byCategory) console.log(`  ${row.category.padEnd(20)} ${row._count}`);
  if ((await db.prisma.user.count({ where: { name: "demo" } })) === 0) {
    await addUser(db, { name: "demo", role: "admin", password: "redshield-demo", actor: "demo" });
    console.log("demo: staff account demo / redshield-demo (admin) created");
  }
  console.log("demo: review them with `npx redshield serve` (http://127.0.0.1:8080), or export:");
  console.log("      npx redshield findings export --format xlsx --out findings.xlsx");
} finally {
  await web.close();
  await db.close();
}
