// Shapes shared by the register's parse, validate, import and export steps.
import type { FileColumn, RegisterField } from "./columns.ts";
import type { EntityKind, RegistrationStatus } from "./states.ts";

/** One problem with one row: 1-based file line, the column as headed in the file, and why. */
export type RowProblem = { line: number; column: string; reason: string };

/** A row as read from the file: text by field, plus problems found while reading it. */
export type RawRow = {
  line: number;
  values: Partial<Record<RegisterField, string>>;
  problems: RowProblem[];
};

export type RegisterTable = {
  source: string;
  format: "csv" | "xlsx";
  encoding: "utf-8" | "gb18030" | "xlsx";
  columns: FileColumn[];
  rows: RawRow[];
};

/**
 * A valid row. Optional fields are undefined when the file has no such column: the import then
 * leaves that part of an existing entity as it is.
 */
export type RegisterRecord = {
  line: number;
  uscc: string;
  name: string;
  kind: EntityKind;
  status: RegistrationStatus;
  region?: string;
  address?: string;
  /** Normalised, without repeats, in file order. */
  domains?: string[];
  /** Canonical form (formatIcp), or "" for none. */
  icp?: string;
  /** YYYY-MM-DD, or null for none. */
  registeredOn?: string | null;
};
