// A whole world for sweep tests and the demo: a database holding the fixture web's register and
// the e-labels its badges refer to, and the fixture web itself serving those badges.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../src/db/index.ts";
import { issueLabel, revokeLabel } from "../../src/labels/index.ts";
import { importRegister } from "../../src/registry/index.ts";
import { labelFixtures, type LabelSerials, registerCsv, registerRows } from "../fixtures/web/manifest.ts";
import { type FixtureWeb, type FixtureWebOptions, startFixtureWeb } from "./site-server.ts";

const day = 86_400_000;

/** Imports the fixture register and issues (and revokes / backdates) the fixture labels. */
export async function loadFixtureRegister(db: Db, workDir: string): Promise<LabelSerials> {
  const file = path.join(workDir, "fixture-register.csv");
  fs.writeFileSync(file, registerCsv(registerRows));
  const report = await importRegister(db, file, { actor: "fixture" });
  if (report.outcome !== "imported")
    throw new Error(`fixture register rejected: ${JSON.stringify(report.problems?.slice(0, 3))}`);
  const serials: Partial<Record<string, string>> = {};
  for (const f of labelFixtures) {
    const past = f.state === "expired" ? new Date(Date.now() - 400 * day) : undefined;
    const expiresOn = past ? new Date(Date.now() - 30 * day).toISOString().slice(0, 10) : undefined;
    const label = await issueLabel(db, {
      uscc: f.holderUscc,
      domains: [...f.domains],
      actor: "fixture",
      now: past,
      expiresOn,
    });
    if (f.state === "revoked")
      await revokeLabel(db, { serial: label.serial, reason: "测试：撤销", actor: "fixture" });
    if (f.role !== "missing") serials[f.role] = label.serial;
  }
  return serials as LabelSerials;
}

export async function startFixtureWorld(
  db: Db,
  workDir: string,
  options: FixtureWebOptions = {},
): Promise<{ web: FixtureWeb; serials: LabelSerials }> {
  const serials = await loadFixtureRegister(db, workDir);
  const web = await startFixtureWeb({ ...options, labelSerials: serials });
  return { web, serials };
}
