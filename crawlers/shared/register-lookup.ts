// Read-only, cached view of the register and the e-label table for one crawl: the facts the
// site checks in src/checks need. One query per distinct domain, code or serial per shard, except
// that prime() answers a shard's known hosts (their entities, and those entities' labels) in a few
// queries up front. Entities come through the register's repository, label states through src/labels.
import type { EntityView, LabelView } from "../../src/checks/register-checks.ts";
import type { Prisma } from "../../src/db/index.ts";
import { labelStatus } from "../../src/labels/status.ts";
import { findByHosts } from "../../src/registry/hosts.ts";
import { type EntityRecord, findByHost, findByUscc } from "../../src/registry/index.ts";

function toView(e: EntityRecord): EntityView {
  return {
    id: e.id,
    uscc: e.uscc,
    name: e.name,
    status: e.status,
    region: e.region,
    icp: e.icp,
    domains: e.domains,
  };
}

type LabelRow = {
  serial: string;
  entityId: number;
  revokedAt: Date | null;
  expiresAt: Date;
  domains: { domain: string }[];
};

export class RegisterLookup {
  private readonly byDomainCache = new Map<string, Promise<EntityView | null>>();
  private readonly byUsccCache = new Map<string, Promise<EntityView | null>>();
  private readonly labelCache = new Map<string, Promise<LabelView | null>>();
  private readonly labelsOfEntity = new Map<number, Promise<LabelView[]>>();
  constructor(
    private readonly prisma: Prisma,
    private readonly now = new Date(),
  ) {}

  /**
   * Loads the answers for many domains at once (a shard's targets): byDomain for each, byUscc for
   * the entities found, labelsOf for them. The same answers the one-by-one lookups would give.
   */
  async prime(domains: readonly string[]): Promise<void> {
    const wanted = [...new Set(domains)].filter((d) => !this.byDomainCache.has(d));
    if (wanted.length === 0) return;
    const found = await findByHosts(this.prisma, wanted);
    const entities = new Map<number, EntityView>();
    for (const d of wanted) {
      const best = found.get(d)?.[0];
      const view = best ? toView(best) : null;
      this.byDomainCache.set(d, Promise.resolve(view));
      if (view) entities.set(view.id, view);
    }
    for (const e of entities.values())
      if (!this.byUsccCache.has(e.uscc)) this.byUsccCache.set(e.uscc, Promise.resolve(e));
    const ids = [...entities.keys()].filter((id) => !this.labelsOfEntity.has(id));
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.prisma.label.findMany({
        where: { entityId: { in: chunk } },
        include: { domains: { select: { domain: true } } },
        orderBy: { id: "asc" },
      });
      const byEntity = new Map<number, LabelView[]>(chunk.map((id) => [id, []]));
      for (const l of rows) byEntity.get(l.entityId)?.push(this.toLabelView(l));
      for (const [id, own] of byEntity) this.labelsOfEntity.set(id, Promise.resolve(own));
    }
  }

  /** The entity that declared this domain or a parent domain of it (shop.example.cn → example.cn). */
  byDomain(domain: string): Promise<EntityView | null> {
    return memo(this.byDomainCache, domain, async () => {
      const [best] = await findByHost(this.prisma, domain);
      return best ? toView(best) : null;
    });
  }

  byUscc(uscc: string): Promise<EntityView | null> {
    return memo(this.byUsccCache, uscc, async () => {
      const e = await findByUscc(this.prisma, uscc);
      return e ? toView(e) : null;
    });
  }

  labelBySerial(serial: string): Promise<LabelView | null> {
    return memo(this.labelCache, serial, async () => {
      const l = await this.prisma.label.findUnique({
        where: { serial },
        include: { domains: { select: { domain: true } } },
      });
      return l ? this.toLabelView(l) : null;
    });
  }

  labelsOf(entityId: number): Promise<LabelView[]> {
    return memo(this.labelsOfEntity, entityId, async () => {
      const rows = await this.prisma.label.findMany({
        where: { entityId },
        include: { domains: { select: { domain: true } } },
        orderBy: { id: "asc" },
      });
      return rows.map((l) => this.toLabelView(l));
    });
  }

  private toLabelView(l: LabelRow): LabelView {
    return {
      serial: l.serial,
      entityId: l.entityId,
      domains: l.domains.map((d) => d.domain),
      state: labelStatus(l, this.now),
    };
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
