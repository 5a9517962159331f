// Failed sign-ins are counted per user name and address (5 in 15 minutes) and per address alone
// (30 in 15 minutes, against guessing across many names). Past the limit, attempts are refused
// without checking the password. Kept in memory: one serve process answers the UI.
export type LimiterPolicy = { perUser: number; perAddress: number; windowMs: number };
export const defaultLimiterPolicy: LimiterPolicy = { perUser: 5, perAddress: 30, windowMs: 15 * 60_000 };

const maxKeys = 10_000;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly policy: LimiterPolicy = defaultLimiterPolicy) {}

  private keys(name: string, address: string): [string, number][] {
    return [
      [`u:${name.trim().toLowerCase()}|${address}`, this.policy.perUser],
      [`a:${address}`, this.policy.perAddress],
    ];
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => now - t < this.policy.windowMs);
    if (times.length) this.failures.set(key, times);
    else this.failures.delete(key);
    return times;
  }

  /** Milliseconds until another attempt is allowed; 0 when one is allowed now. */
  retryAfterMs(name: string, address: string, now: number): number {
    let wait = 0;
    for (const [key, limit] of this.keys(name, address)) {
      const times = this.recent(key, now);
      if (times.length >= limit)
        wait = Math.max(wait, times[times.length - limit]! + this.policy.windowMs - now);
    }
    return wait;
  }

  recordFailure(name: string, address: string, now: number): void {
    if (this.failures.size > maxKeys) this.prune(now);
    for (const [key] of this.keys(name, address)) this.failures.set(key, [...this.recent(key, now), now]);
  }

  /** A successful sign-in clears that name's count from that address. */
  recordSuccess(name: string, address: string): void {
    this.failures.delete(this.keys(name, address)[0]![0]);
  }

  private prune(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
  }
}
