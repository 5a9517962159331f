// Crash safety: a sweep killed with SIGKILL mid-run and resumed with `redshield sweep resume`
// ends with the same findings as an uninterrupted run — none lost, none doubled.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openDb, type Db } from "../../src/db/index.ts";
import { cliEnv, finished, runRedshield, startRedshield } from "../cli/spawn-redshield.ts";
import { startFixtureWorld } from "../helpers/fixture-world.ts";
import type { FixtureWeb } from "../helpers/site-server.ts";
import { sweepNow, testConfigDir, testEnv } from "../helpers/sweep-harness.ts";
import { createTempDb, type TempDb } from "../helpers/temp-db.ts";

const yaml = `sweeps:
  entities:
    kind: entities
    shardSites: 3
    screenshots: none
    mode: http
    politeness: { perHostDelayMillis: 20, concurrency: 8 }
    limits: { pageTimeoutSecs: 3 }
`;

type World = { temp: TempDb; db: Db; web: FixtureWeb; config: string };
async function world(): Promise<World> {
  const temp = await createTempDb("sqlite");
  const db = await openDb(temp.url);
  // Serials differ between the two worlds; findings are compared by category, rule and URL.
  const { web } = await startFixtureWorld(db, temp.dataDir, { slowPageDelayMs: 6000 });
  return { temp, db, web, config: testConfigDir(temp.dataDir, yaml) };
}

const findingKeys = async (db: Db) =>
  (await db.prisma.finding.findMany({ select: { category: true, rule: true, url: true } }))
    .map((f) => `${f.category} ${f.rule} ${f.url}`)
    .sort();

let killed: World;
let whole: World;
before(async () => {
  [killed, whole] = [await world(), await world()];
});
after(async () => {
  for (const w of [killed, whole]) {
    await w?.web.close();
    await w?.db.close();
    await w?.temp.drop();
  }
});

test("a run killed with SIGKILL and resumed ends with the same findings as an uninterrupted run", async () => {
  await sweepNow(
    whole.db,
    testEnv(whole.db, whole.temp.dataDir, whole.config, whole.web.hostMap),
    "entities",
  );
  const expected = await findingKeys(whole.db);
  assert.ok(expected.length > 20);

  const env = cliEnv(killed.temp.url, {
    REDSHIELD_DATA_DIR: killed.temp.dataDir,
    REDSHIELD_CONFIG_DIR: killed.config,
    REDSHIELD_HOST_MAP: killed.web.hostMap,
  });
  const child = startRedshield(["sweep", "run", "entities", "--wait"], env);
  const exited = finished(child);
  // Kill it once a few shards are done and some are left.
  let run = null;
  for (let i = 0; i < 600; i++) {
    run = await killed.db.prisma.sweepRun.findFirst();
    if (run && run.shardsDone >= 2) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  await exited;
  run = await killed.db.prisma.sweepRun.findFirstOrThrow();
  assert.equal(run.status, "running", "the killed run is left running");
  assert.ok(
    run.shardsDone >= 2 && run.shardsDone < run.shardsTotal,
    `killed mid-run: ${run.shardsDone}/${run.shardsTotal}`,
  );

  const resumed = await runRedshield(["sweep", "resume", String(run.id)], env);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stdout, /resuming/);
  const final = await killed.db.prisma.sweepRun.findUniqueOrThrow({ where: { id: run.id } });
  assert.equal(final.status, "completed");
  assert.equal(final.shardsDone, final.shardsTotal);
  assert.deepEqual(await findingKeys(killed.db), expected);
  assert.equal(
    await killed.db.prisma.finding.count(),
    await whole.db.prisma.finding.count(),
    "no duplicates",
  );
});
