// What happens to every fetched page, whatever the sweep kind: decode, extract, run the signal
// rule packs, check the site's identity and e-label against the register on its entry page,
// and record findings with their evidence. Kinds differ only in targets and link policy.
import os from "node:os";
import { checkSite, type SiteFacts } from "../../src/checks/register-checks.ts";
import { type FindingInput, siteCategories } from "../../src/findings/index.ts";
import { domainOfUrl } from "../../src/identity/index.ts";
import type { ExtractedPage } from "../../src/page/index.ts";
import type { AnalysisPool } from "./analysis-pool.ts";
import type { FindingWriter } from "./finding-writer.ts";
import type { StatsCollector } from "../../src/sweeps/stats.ts";
import type { Visit, VisitResult } from "./http-crawl.ts";
import type { RegisterLookup } from "./register-lookup.ts";

/** `archiveId`: the page's WARC response record, when the sweep keeps an archive. */
export type Screenshotter = { shoot(url: string, archiveId?: string): Promise<Buffer | null> };

export type PipelineDeps = {
  /** Where pages with findings go (batched; the shard closes it before it is done). */
  writer: FindingWriter;
  analysis: AnalysisPool;
  lookup: RegisterLookup;
  stats: StatsCollector;
  publicUrl: string;
  run: { id: number; sweep: string; rulesHash: string; configHash: string };
  /** Categories this sweep reports; null = all. */
  categories: ReadonlySet<string> | null;
  /** Whether the register / e-label checks run on entry pages. */
  siteChecks: boolean;
  mode: "http" | "browser";
  version: string;
  screenshotter: Screenshotter | null;
};

const htmlTypes = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

export function isEntryPage(url: string, depth: number): boolean {
  return depth === 0 || new URL(url).pathname === "/";
}

export async function processVisit(
  deps: PipelineDeps,
  visit: Visit,
  browserHtml?: string,
): Promise<VisitResult & { needsBrowser: boolean }> {
  const f = visit.fetched;
  if (f.status >= 400) {
    deps.stats.error(visit.url, `http_${f.status}`, `${visit.url}: HTTP ${f.status}`);
    return { follow: [], needsBrowser: false };
  }
  const contentType = f.headers["content-type"] ?? "";
  if (contentType && !htmlTypes.test(contentType)) {
    deps.stats.skip("not_html");
    return { follow: [], needsBrowser: false };
  }
  const { html, charset, page, analysis } = await deps.analysis.analyse({
    body: f.body,
    contentType,
    url: f.finalUrl,
    renderedHtml: browserHtml,
  });
  deps.stats.behavioursChecked++;
  const domain = domainOfUrl(visit.url) ?? new URL(visit.url).hostname;
  const entity = await deps.lookup.byDomain(domain);
  const entry = isEntryPage(visit.url, visit.depth);

  const findings: FindingInput[] = [];
  for (const s of analysis.findings) {
    if (deps.categories && !deps.categories.has(s.category)) continue;
    const site = siteCategories.has(s.category);
    if (site && !entry) continue; // licence display is judged on the homepage (E-commerce Law Art. 15)
    findings.push({ ...s, scope: site ? "site" : "page" });
  }
  if (entry && deps.siteChecks) {
    if (entity) deps.stats.entitiesChecked.add(entity.id);
    const siteFindings = checkSite(await siteFacts(deps, page, domain, analysis.context.isShop, entity));
    for (const s of siteFindings) {
      if (deps.categories && !deps.categories.has(s.category)) continue;
      findings.push(s);
      if (s.category === "unregistered_entity") deps.stats.newEntityDomains.add(domain);
    }
  }
  for (const x of findings) deps.stats.finding(x.category);
  if (findings.length > 0) {
    const screenshot = deps.screenshotter
      ? await deps.screenshotter.shoot(f.finalUrl, f.archiveId).catch(() => null)
      : null;
    await deps.writer.add({
      runId: deps.run.id,
      sweep: deps.run.sweep,
      entityId: entity?.id ?? null,
      region: entity?.region ?? "",
      findings,
      capture: {
        url: visit.url,
        finalUrl: f.finalUrl,
        domain,
        httpStatus: f.status,
        fetchedAt: f.fetchedAt,
        mode: deps.mode,
        contentType,
        charset,
        body: browserHtml === undefined ? f.body : Buffer.from(browserHtml, "utf8"),
        headers: f.headers,
        text: [page.title, page.visibleText, page.hiddenText].filter(Boolean).join("\n\n"),
        screenshot,
        provenance: provenance(deps, visit),
      },
    });
  }
  const needsBrowser = deps.mode === "http" && builtByScripts(html, page.visibleText);
  return { follow: page.links.map((l) => l.href), needsBrowser };
}

async function siteFacts(
  deps: PipelineDeps,
  page: ExtractedPage,
  domain: string,
  isShop: boolean,
  entity: SiteFacts["entity"],
): Promise<SiteFacts> {
  const entitiesByShownUscc = new Map<string, NonNullable<SiteFacts["entity"]>>();
  for (const u of page.identity.usccs) {
    if (!u.valid) continue;
    const e = await deps.lookup.byUscc(u.code);
    if (e) entitiesByShownUscc.set(u.code, e);
  }
  const labelsBySerial = new Map<string, Awaited<ReturnType<RegisterLookup["labelBySerial"]>>>();
  for (const b of page.badges)
    if (b.serial) labelsBySerial.set(b.serial, await deps.lookup.labelBySerial(b.serial));
  const labels = entity ? await deps.lookup.labelsOf(entity.id) : [];
  return {
    domain,
    isShop,
    identity: page.identity,
    badges: page.badges,
    entity,
    entitiesByShownUscc,
    labelsForDomain: labels.filter((l) => l.domains.includes(domain)),
    labelsBySerial,
    publicUrl: deps.publicUrl,
  };
}

function provenance(deps: PipelineDeps, visit: Visit): Record<string, unknown> {
  return {
    tool: `redshield ${deps.version}`,
    sweep: deps.run.sweep,
    runId: deps.run.id,
    sweepConfigHash: deps.run.configHash,
    rulePacksHash: deps.run.rulesHash,
    mode: deps.mode,
    host: os.hostname(),
    clockSource: "system clock (UTC); see docs on NTP",
    capturedAt: visit.fetched.fetchedAt.toISOString(),
    requestedUrl: visit.fetched.requestedUrl,
    redirects: visit.fetched.redirects,
    remoteAddress: visit.fetched.remoteAddress,
    requestHeaders: visit.fetched.requestHeaders,
    node: process.version,
  };
}

const domWrites =
  /document\.write(?:ln)?\s*\(|\.innerHTML\s*[+]?=|insertAdjacentHTML\s*\(|\.textContent\s*=|\.innerText\s*=/;
const enableScripts =
  /<noscript[^>]*>[^<]*(?:<[^>]+>[^<]*)*?(?:启用|开启|打开|允许|enable)[^<]{0,20}(?:脚本|javascript|js)/i;

/** A page evidently shows its content only after scripts run: little text, or scripts that write the page. */
export function builtByScripts(html: string, visibleText: string): boolean {
  if (!/<script\b/i.test(html)) return false;
  return visibleText.trim().length < 200 || domWrites.test(html) || enableScripts.test(html);
}
