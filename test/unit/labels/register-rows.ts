// Register rows for label tests, written with Prisma directly (the register import is tested on
// its own). USCCs are generated with a correct GB 32100 check character.
import type { Prisma } from "../../../src/db/index.ts";
import { usccCheckCharacter } from "../../../src/identity/index.ts";

let counter = 0;

/** A valid USCC that no other call in this process returns. */
export function freshUscc(): string {
  counter += 1;
  const body = `91440300MA5F${String(process.pid % 100).padStart(2, "0")}${String(counter).padStart(3, "0")}`;
  return body + usccCheckCharacter(body);
}

export type EntityRow = { name: string; status?: string; websites?: string[]; shops?: string[] };

/** Writes an entity with its websites (and platform shops); returns its USCC. */
export async function addEntity(prisma: Prisma, row: EntityRow): Promise<string> {
  const uscc = freshUscc();
  await prisma.entity.create({
    data: {
      uscc,
      name: row.name,
      kind: "enterprise",
      status: row.status ?? "存续",
      presences: {
        create: [
          ...(row.websites ?? []).map((domain) => ({ domain, kind: "website" })),
          ...(row.shops ?? []).map((domain) => ({ domain, kind: "platform_shop", platform: domain })),
        ],
      },
    },
  });
  return uscc;
}

/** A domain no other call in this process returns, so suites sharing a database never collide. */
export function freshDomain(stem = "shop"): string {
  counter += 1;
  return `${stem}${counter}-${process.pid}.example.cn`;
}
