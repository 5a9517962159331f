// The options every crawler kind shares. The schemas and defaults live with the sweep
// configuration (src/sweeps/limits.ts) so that config validation does not depend on crawlers.
export {
  type CrawlLimits,
  defaultLimits,
  defaultPoliteness,
  type Politeness,
  userAgentFor,
} from "../../src/sweeps/limits.ts";
