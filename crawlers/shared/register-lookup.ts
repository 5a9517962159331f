// Read-only, cached view of the register and the e-label table for one crawl: the facts the
// site checks in src/checks need. One query per distinct domain, code or serial per shard.
import type { EntityView, LabelView } from "../../src/checks/register-checks.ts";
import type { Prisma } from "../../src/db/index.ts";

type EntityRow = {
  id: number;
  uscc: string;
  name: string;
  status: string;
  region: string;
  icp: string;
  presences: { domain: string }[];
};

function toView(e: EntityRow): EntityView {
  return {
    id: e.id,
    uscc: e.uscc,
    name: e.name,
    status: e.status,
    region: e.region,
    icp: e.icp,
    domains: e.presences.map((p) => p.domain),
  };
}

export function labelState(l: { revokedAt: Date | null; expiresAt: Date }, now: Date): LabelView["state"] {
  if (l.revokedAt) return "revoked";
  return l.expiresAt.getTime() <= now.getTime() ? "expired" : "valid";
}

export class RegisterLookup {
  private readonly byDomainCache = new Map<string, Promise<EntityView | null>>();
  private readonly byUsccCache = new Map<string, Promise<EntityView | null>>();
  private readonly labelCache = new Map<string, Promise<LabelView | null>>();
  private readonly labelsOfEntity = new Map<number, Promise<LabelView[]>>();
  constructor(
    private readonly prisma: Prisma,
    private readonly now = new Date(),
  ) {}

  /** The entity that declared this domain or a parent domain of it (shop.example.cn → example.cn). */
  byDomain(domain: string): Promise<EntityView | null> {
    return memo(this.byDomainCache, domain, async () => {
      const parts = domain.split(".");
      const candidates = parts.slice(0, -1).map((_, i) => parts.slice(i).join("."));
      const rows = await this.prisma.presence.findMany({
        where: { domain: { in: candidates } },
        include: { entity: { include: { presences: { select: { domain: true } } } } },
      });
      rows.sort((a, b) => b.domain.length - a.domain.length);
      return rows[0] ? toView(rows[0].entity) : null;
    });
  }

  byUscc(uscc: string): Promise<EntityView | null> {
    return memo(this.byUsccCache, uscc, async () => {
      const e = await this.prisma.entity.findUnique({
        where: { uscc },
        include: { presences: { select: { domain: true } } },
      });
      return e ? toView(e) : null;
    });
  }

  labelBySerial(serial: string): Promise<LabelView | null> {
    return memo(this.labelCache, serial, async () => {
      const l = await this.prisma.label.findUnique({
        where: { serial },
        include: { domains: { select: { domain: true } } },
      });
      return l
        ? {
            serial: l.serial,
            entityId: l.entityId,
            domains: l.domains.map((d) => d.domain),
            state: labelState(l, this.now),
          }
        : null;
    });
  }

  labelsOf(entityId: number): Promise<LabelView[]> {
    return memo(this.labelsOfEntity, entityId, async () => {
      const rows = await this.prisma.label.findMany({
        where: { entityId },
        include: { domains: { select: { domain: true } } },
      });
      return rows.map((l) => ({
        serial: l.serial,
        entityId: l.entityId,
        domains: l.domains.map((d) => d.domain),
        state: labelState(l, this.now),
      }));
    });
  }
}

function memo<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let p = cache.get(key);
  if (!p) {
    p = load();
    cache.set(key, p);
  }
  return p;
}
