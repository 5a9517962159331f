export { EvidenceStore, type StoredFile, sha256Hex } from "./store.ts";
export { type VerifyReport, verifyEvidence } from "./verify.ts";
