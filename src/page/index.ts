// Public surface of src/page: decoding, extraction and normalisation of pages, and the simple
// fetch used by `redshield analyze URL`.
export { canonicalCharset, type DecodedBody, decodeBody, looksBinary } from "./decode.ts";
export { extractPage } from "./extract.ts";
export { type FetchedPage, type FetchOptions, fetchOne } from "./fetch-one.ts";
export {
  type NormalisedText,
  normaliseBoth,
  normaliseCompact,
  normalisePhrase,
  normalisePlain,
  originalEnd,
  originalSpan,
} from "./normalise.ts";
export type { ExtractedPage, PageBadge, PageIdentity, PageLink, UsccClaim } from "./types.ts";
