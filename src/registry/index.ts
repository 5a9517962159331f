// Public surface of the entity register: import and export of register files, and the
// repository others read entities through.
export { registerColumns, type RegisterField } from "./columns.ts";
export {
  allEntities,
  type EntityFilter,
  type EntityPage,
  type EntityRecord,
  findByDomain,
  findByHost,
  findByIcpSubject,
  findByUscc,
  listEntities,
  type PresenceRecord,
  type RegisterDb,
} from "./entities.ts";
export { type ExportReport, exportRegister } from "./export.ts";
export {
  type ImportOptions,
  type ImportOutcome,
  type ImportPhase,
  type ImportProgress,
  type ImportReport,
  importRegister,
  importRegisterTable,
} from "./import.ts";
export { parseRegisterBytes, parseRegisterFile, type RegisterFormat } from "./parse.ts";
export {
  describeEntityKinds,
  describeRegistrationStatuses,
  type EntityKind,
  entityKindLabels,
  entityKinds,
  isRevokedOrCancelled,
  parseEntityKind,
  parseRegistrationStatus,
  type RegistrationStatus,
  registrationStatuses,
  revokedOrCancelled,
} from "./states.ts";
export type { RawRow, RegisterRecord, RegisterTable, RowProblem } from "./types.ts";
export { type Validation, validateTable } from "./validate.ts";
