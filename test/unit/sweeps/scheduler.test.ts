import assert from "node:assert/strict";
import { test } from "node:test";
import { getSweep, loadSweeps } from "../../../src/sweeps/config.ts";
import { startScheduler, tick } from "../../../src/sweeps/scheduler.ts";
import { eachProvider } from "../../helpers/temp-db.ts";

eachProvider("schedule ticks", ({ db }) => {
  test("two ticks for the same sweep and time create one run", async () => {
    const sweeps = loadSweeps("config");
    const deps = { prisma: db().prisma, sweeps, rulesHash: "r", configDir: "config" };
    const def = getSweep(sweeps, "entities");
    const at = new Date("2026-11-25T18:00:00.000Z");
    const [a, b] = await Promise.all([tick(deps, def, at), tick(deps, def, new Date(at.getTime() + 500))]);
    assert.deepEqual([a.status, b.status].sort(), ["created", "duplicate"]);
    assert.equal(a.run.id, b.run.id);
    assert.equal(await db().prisma.sweepRun.count({ where: { sweep: "entities" } }), 1);
    assert.equal(a.run.runKey, "entities@2026-11-25T18:00:00.000Z");
  });

  test("a tick while the sweep's previous run is still queued does not overlap it", async () => {
    const sweeps = loadSweeps("config");
    const deps = { prisma: db().prisma, sweeps, rulesHash: "r", configDir: "config" };
    const def = getSweep(sweeps, "entities");
    const next = await tick(deps, def, new Date("2026-11-26T18:00:00.000Z"));
    assert.equal(next.status, "overlap");
    assert.equal(await db().prisma.sweepRun.count({ where: { sweep: "entities" } }), 1);
  });

  test("node-cron firing every second within one minute queues one run", async () => {
    const base = loadSweeps("config");
    const def = { ...getSweep(base, "label-check"), name: "every-second", schedule: "* * * * * *" };
    const sweeps = { ...base, sweeps: new Map([["every-second", def]]) };
    // Start just after a minute boundary so all ticks fall in one minute.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
    const scheduler = startScheduler({ prisma: db().prisma, sweeps, rulesHash: "r", configDir: "config" });
    await new Promise((r) => setTimeout(r, 3200));
    await scheduler.stop();
    const runs = await db().prisma.sweepRun.findMany({ where: { sweep: "every-second" } });
    assert.equal(runs.length, 1, "ticks every second for 3 s must make exactly one run (one minute key)");
    assert.equal(runs[0]?.trigger, "schedule");
  });
});
