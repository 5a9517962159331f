// Counters of one shard attempt: the figures of the bureau's reports (主体核查, 行为监测, new
// online entities found, findings by category) and errors by kind. Shard stats are summed into
// the run when the shard is done, so a retried shard is counted once.

export type ShardStats = {
  pagesFetched: number;
  pagesFailed: number;
  behavioursChecked: number;
  entitiesChecked: number[];
  newEntityDomains: string[];
  errorsByKind: Record<string, number>;
  skipped: Record<string, number>;
  findingsByCategory: Record<string, number>;
  sampleErrors: { url: string; kind: string; message: string }[];
};

export class StatsCollector {
  pagesFetched = 0;
  pagesFailed = 0;
  behavioursChecked = 0;
  readonly entitiesChecked = new Set<number>();
  readonly newEntityDomains = new Set<string>();
  readonly errorsByKind: Record<string, number> = {};
  readonly skipped: Record<string, number> = {};
  readonly findingsByCategory: Record<string, number> = {};
  readonly sampleErrors: ShardStats["sampleErrors"] = [];

  error(url: string, kind: string, message: string): void {
    this.pagesFailed++;
    this.errorsByKind[kind] = (this.errorsByKind[kind] ?? 0) + 1;
    if (this.sampleErrors.length < 50) this.sampleErrors.push({ url, kind, message: message.slice(0, 300) });
  }

  skip(reason: string): void {
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1;
  }

  finding(category: string): void {
    this.findingsByCategory[category] = (this.findingsByCategory[category] ?? 0) + 1;
  }

  toJSON(): ShardStats {
    return {
      pagesFetched: this.pagesFetched,
      pagesFailed: this.pagesFailed,
      behavioursChecked: this.behavioursChecked,
      entitiesChecked: [...this.entitiesChecked].sort((a, b) => a - b),
      newEntityDomains: [...this.newEntityDomains].sort(),
      errorsByKind: this.errorsByKind,
      skipped: this.skipped,
      findingsByCategory: this.findingsByCategory,
      sampleErrors: this.sampleErrors,
    };
  }
}

/** The figures of a shard that crawled nothing (it failed before or while starting). */
export function emptyStats(): ShardStats {
  return new StatsCollector().toJSON();
}
