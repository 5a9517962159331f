// Content-addressed evidence store: each file lives at <dir>/<aa>/<bb>/<sha256>, is written once
// (temp file + rename, so a crash never leaves a half file under its digest) and never altered.
// The directory is REDSHIELD_EVIDENCE_DIR (default <data dir>/evidence): a shared mount when
// several machines run workers.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type StoredFile = { sha256: string; size: number };

export function sha256Hex(data: Uint8Array | string): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

export class EvidenceStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256 digest: ${sha256}`);
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores bytes under their digest; storing the same bytes again is a no-op. */
  async put(data: Uint8Array | string): Promise<StoredFile> {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    const sha256 = sha256Hex(bytes);
    const file = this.pathOf(sha256);
    if (!fs.existsSync(file)) {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
      await fs.promises.writeFile(tmp, bytes, { flag: "wx", mode: 0o444 });
      await fs.promises.rename(tmp, file);
    }
    return { sha256, size: bytes.length };
  }

  async read(sha256: string): Promise<Buffer> {
    return fs.promises.readFile(this.pathOf(sha256));
  }

  /** Re-hashes a stored file: "ok", "missing" or "altered". */
  async check(sha256: string): Promise<"ok" | "missing" | "altered"> {
    const file = this.pathOf(sha256);
    const hash = crypto.createHash("sha256");
    try {
      await new Promise<void>((resolve, reject) => {
        fs.createReadStream(file)
          .on("data", (c) => hash.update(c))
          .on("end", resolve)
          .on("error", reject);
      });
    } catch {
      return "missing";
    }
    return hash.digest("hex") === sha256 ? "ok" : "altered";
  }
}
