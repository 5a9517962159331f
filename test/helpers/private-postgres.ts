// A PostgreSQL server of a test's own (initdb in a temp dir, its own port), for tests that must
// stop and restart the database under a running sweep without disturbing the shared server other
// tests use. Uses the Debian server binaries that the shared PostgreSQL comes from; runs them as
// the postgres user when the tests run as root (initdb refuses root).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type PrivatePostgres = {
  url(database: string): string;
  createDatabase(name: string): void;
  restart(downMs?: number): Promise<void>;
  stop(): void;
};

function binDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const dir = path.join(root, v, "bin");
    if (fs.existsSync(path.join(dir, "initdb"))) return dir;
  }
  return null;
}

/** Why a private server cannot be started here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!binDir()) return "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql";
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  if (!bin) throw new Error(privatePostgresUnavailable() ?? "no PostgreSQL");
  const asRoot = process.getuid?.() === 0;
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "rs-pg-"));
  const data = path.join(base, "data");
  const socketDir = path.join(base, "sock");
  fs.mkdirSync(socketDir);
  if (asRoot) execFileSync("chown", ["-R", "postgres:postgres", base]);
  const run = (tool: string, args: string[]) =>
    execFileSync(
      asRoot ? "runuser" : path.join(bin, tool),
      asRoot ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args,
      {
        stdio: ["ignore", "pipe", "pipe"],
        cwd: base,
      },
    );
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () =>
    run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(base, "log"), "-w", "-t", "60", "start"]);
  const stopServer = () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  start();
  const psql = path.join(bin, "psql");
  return {
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    createDatabase(name) {
      execFileSync(
        psql,
        ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-c", `CREATE DATABASE ${name}`],
        {
          stdio: "pipe",
        },
      );
    },
    async restart(downMs = 2000) {
      stopServer();
      await new Promise((r) => setTimeout(r, downMs));
      start();
    },
    stop() {
      try {
        stopServer();
      } catch {
        // already stopped
      }
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}
