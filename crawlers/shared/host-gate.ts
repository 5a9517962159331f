// Per-host politeness: at most N requests in flight to one host and a minimum gap between
// request starts. Crawlee's concurrency is global; this keeps one site from being hammered
// while hundreds of sites are crawled in parallel.

type HostState = { active: number; nextStartAt: number; waiters: (() => void)[] };

export class HostGate {
  private readonly hosts = new Map<string, HostState>();
  constructor(
    private readonly perHostConcurrency: number,
    private readonly perHostDelayMillis: number,
  ) {}

  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const state = this.state(host);
    while (state.active >= this.perHostConcurrency) {
      await new Promise<void>((resolve) => state.waiters.push(resolve));
    }
    state.active++;
    const wait = state.nextStartAt - Date.now();
    state.nextStartAt = Math.max(Date.now(), state.nextStartAt) + this.perHostDelayMillis;
    try {
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return await fn();
    } finally {
      state.active--;
      state.waiters.shift()?.();
      if (state.active === 0 && state.waiters.length === 0 && state.nextStartAt <= Date.now())
        this.hosts.delete(host);
    }
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, nextStartAt: 0, waiters: [] };
      this.hosts.set(host, s);
    }
    return s;
  }
}
