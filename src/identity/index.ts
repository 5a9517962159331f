export { domainOfUrl, hostBelongsTo, normaliseDomain } from "./domain.ts";
export {
  formatIcp,
  icpFilingPattern,
  icpLicencePattern,
  icpSubject,
  isPlaceholderIcp,
  parseIcp,
  publicSecurityPattern,
} from "./icp.ts";
export {
  describeUsccProblem,
  isValidRegistrationNumber,
  isValidUscc,
  maskUscc,
  usccCheckCharacter,
  usccProblem,
} from "./uscc.ts";
