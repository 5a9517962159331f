// Crawl limits and politeness with their defaults in one place; sweeps.yaml may override each key.
// Units are in the key names. Unknown keys are errors (strict schemas). Lives in src/sweeps because
// the sweep configuration validates against it; crawlers/shared/crawler-options.ts re-exports it.
import { z } from "zod";

export const limitsSchema = z
  .object({
    maxPagesPerSite: z.number().int().min(1).max(10_000).default(20),
    maxDepth: z.number().int().min(0).max(10).default(2),
    maxSites: z.number().int().min(1).max(10_000_000).default(1_000_000),
    pageTimeoutSecs: z.number().min(1).max(300).default(20),
    maxBodyBytes: z.number().int().min(1024).max(100_000_000).default(5_000_000),
    maxRedirects: z.number().int().min(0).max(20).default(5),
    maxQueryVariantsPerPath: z.number().int().min(1).max(10_000).default(10),
  })
  .strict();

export const politenessSchema = z
  .object({
    obeyRobots: z.boolean().default(true),
    perHostConcurrency: z.number().int().min(1).max(32).default(2),
    perHostDelayMillis: z.number().int().min(0).max(60_000).default(100),
    concurrency: z.number().int().min(1).max(512).default(64),
    userAgent: z.string().min(1).optional(),
  })
  .strict();

export type CrawlLimits = z.infer<typeof limitsSchema>;
export type Politeness = z.infer<typeof politenessSchema>;

export const defaultLimits: CrawlLimits = limitsSchema.parse({});
export const defaultPoliteness: Politeness = politenessSchema.parse({});

/**
 * The User-Agent names the bureau and where to learn what the crawler is. HTTP headers carry
 * only Latin-1, so the bureau's Chinese name goes in percent-encoded.
 */
export function userAgentFor(bureauName: string, publicUrl: string, version: string): string {
  return `Mozilla/5.0 (compatible; redshield/${version}; +${publicUrl}/about-crawler; market-supervision=${encodeURIComponent(bureauName)})`;
}
