import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ConfigError } from "../../../src/errors.ts";
import { getSweep, loadSweeps } from "../../../src/sweeps/config.ts";
import { tempDir } from "../../helpers/temp-db.ts";

function withConfig(yaml: string) {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "sweeps.yaml"), yaml);
  return dir;
}

test("the project's sweeps.yaml loads, with the built-in sweeps present", () => {
  const config = loadSweeps("config");
  assert.equal(config.timezone, "Asia/Shanghai");
  for (const name of ["entities", "discover", "label-check", "p2p-lending", "cash-loan", "bank-card"])
    assert.ok(config.sweeps.has(name), name);
  assert.equal(getSweep(config, "entities").kind, "entities");
  assert.equal(getSweep(config, "entities-sample").targets.samplePercent, 3);
});

test("without a file the built-in sweeps exist with defaults", () => {
  const config = loadSweeps(tempDir());
  assert.deepEqual([...config.sweeps.keys()].sort(), ["discover", "entities"]);
  assert.equal(getSweep(config, "entities").limits.maxPagesPerSite, 20);
  assert.equal(getSweep(config, "entities").politeness.obeyRobots, true);
});

test("an unknown key is refused with file, line and key", () => {
  const dir = withConfig("sweeps:\n  p2p:\n    kind: violations\n    limits:\n      maxPages: 5\n");
  assert.throws(
    () => loadSweeps(dir),
    (e: unknown) =>
      e instanceof ConfigError && /sweeps\.yaml:5: sweeps\.p2p\.limits: Unrecognized key/.test(e.message),
  );
});

test("a bad cron expression names its line", () => {
  const dir = withConfig('sweeps:\n  p2p:\n    kind: violations\n    schedule: "every night"\n');
  assert.throws(() => loadSweeps(dir), /sweeps\.yaml:4: sweeps\.p2p\.schedule: not a valid cron expression/);
});

test("YAML syntax errors name the line", () => {
  const dir = withConfig("sweeps:\n  p2p:\n    kind: [violations\n");
  assert.throws(() => loadSweeps(dir), /sweeps\.yaml:\d+: YAML syntax error/);
});

test("an unknown category in packs and an unknown sweep name are refused", () => {
  assert.throws(
    () => loadSweeps(withConfig("sweeps:\n  x:\n    kind: violations\n    packs: [gambling]\n")),
    /packs/,
  );
  assert.throws(() => getSweep(loadSweeps(tempDir()), "nope"), /no sweep named "nope"/);
});
