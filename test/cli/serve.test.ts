// `redshield serve` for real: a child process on a free port, fetched over HTTP on 127.0.0.1.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { test } from "node:test";
import { issueLabel } from "../../src/labels/index.ts";
import { eachProvider } from "../helpers/temp-db.ts";
import { addEntity, freshDomain } from "../unit/labels/register-rows.ts";
import { cliEnv, finished, runRedshield, startRedshield } from "./spawn-redshield.ts";

/** Resolves with the first match of `pattern` on the child's standard output. */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms; got: ${seen}`)),
      timeoutMs,
    );
    child.stdout!.on("data", (chunk: string) => {
      seen += chunk;
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code} before printing ${pattern}`)));
  });
}

eachProvider("redshield serve", ({ db, temp }) => {
  test("serves /verify over real HTTP, refuses a taken port clearly, and closes on SIGTERM", async () => {
    const domain = freshDomain();
    const uscc = await addEntity(db().prisma, { name: "江湾服务测试有限公司", websites: [domain] });
    const label = await issueLabel(db(), { uscc, domains: [domain], actor: "test:serve" });
    const env = cliEnv(temp().url);

    const server = startRedshield(["serve", "--port", "0", "--host", "127.0.0.1", "--no-scheduler"], env);
    const exited = finished(server);
    try {
      const [, url] = (await waitForOutput(server, /listening on (http:\/\/127\.0\.0\.1:\d+)/)) as [
        string,
        string,
      ];
      const page = await fetch(`${url}/verify/${label.serial}`);
      assert.equal(page.status, 200);
      const body = await page.text();
      assert.match(body, /标识状态：有效/);
      assert.match(body, /江湾服务测试有限公司/);
      assert.equal(page.headers.get("x-content-type-options"), "nosniff");
      const json = (await (await fetch(`${url}/verify/${label.serial}.json`)).json()) as { status: string };
      assert.equal(json.status, "valid");
      assert.equal((await fetch(`${url}/verify/HD-2026-FAKE`)).status, 404);

      const port = new URL(url).port;
      const second = await runRedshield(["serve", "--port", port, "--host", "127.0.0.1"], env);
      assert.equal(second.code, 5, second.stderr);
      assert.match(
        second.stderr,
        new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use \\(端口已被占用\\)`),
      );
      assert.match(second.stderr, /--port/);
      assert.ok(!/\n\s+at /.test(second.stderr), "no stack trace");
      assert.equal(second.stdout, "", "the second server never claims to be listening");
    } finally {
      server.kill("SIGTERM");
    }
    const result = await exited;
    assert.equal(result.code, 0, `graceful close exits 0: ${result.stderr}`);
  });
});
