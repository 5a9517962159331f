export { type AuditEntry, audit, auditMany, cliActor } from "./audit.ts";
