// Bulk INSERT and IN-list SELECT for the import, through Prisma's tagged raw SQL. Prisma's
// createMany costs about 200 µs a row here, and a multi-row VALUES list spends most of its time
// handling one bound parameter per cell; so each statement binds ONE parameter, a JSON array of
// rows (or keys) that the database unpacks itself (SQLite json_each, PostgreSQL
// jsonb_array_elements), plus one parameter per value that every row shares. Prisma still
// copies each parameter several times, so rows carry only what differs between them.
// Table and column names come from this code only, never from input.
import { raw, type Sql, sqltag as sql } from "@prisma/client/runtime/client";
import type { Prisma, Provider } from "../db/index.ts";

export type RawDb = Pick<Prisma, "$queryRaw" | "$executeRaw">;
/** `date` is a YYYY-MM-DD string stored as a timestamp at midnight UTC. */
export type ColumnType = "text" | "int" | "timestamp" | "date";
export type BulkColumn = { name: string; type: ColumnType };

export const text = (name: string): BulkColumn => ({ name, type: "text" });
export const int = (name: string): BulkColumn => ({ name, type: "int" });
export const timestamp = (name: string): BulkColumn => ({ name, type: "timestamp" });
export const date = (name: string): BulkColumn => ({ name, type: "date" });

type SharedValue = { column: BulkColumn; value: string | number | Date };

export type InsertSpec = {
  /** Columns whose values each row gives, in row order. */
  columns: readonly BulkColumn[];
  rows: readonly unknown[][];
  /** Columns with one value for every row (timestamps, actor, kind). */
  shared?: readonly SharedValue[];
  /** Columns of the new rows to return. */
  returning?: readonly string[];
};

/** Rows or keys per statement: keeps each JSON parameter to a few megabytes. */
const rowsPerStatement = 5000;

function* slices<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

const ident = (name: string): Sql => raw(`"${name}"`);
const identList = (names: readonly string[]): Sql => raw(names.map((n) => `"${n}"`).join(", "));

/** How one provider unpacks a JSON array parameter and stores timestamps. */
type Dialect = {
  /** A FROM item over a JSON array of arrays; each row's array is `value`. */
  rowsOf(json: string): Sql;
  /** Element i of `value`, as the column's type. */
  cell(index: number, type: ColumnType): string;
  /** A subquery yielding the elements of a JSON array of scalars. */
  keysOf(json: string, type: ColumnType): Sql;
  /** A bound value of the column's type. */
  bound(value: string | number | Date, type: ColumnType): Sql;
};

// Prisma stores SQLite timestamps as ISO 8601 text with an explicit +00:00 offset.
const sqliteTimestamp = (d: Date): string => d.toISOString().replace("Z", "+00:00");

const sqlite: Dialect = {
  rowsOf: (json) => sql`json_each(${json})`,
  cell: (i, type) => (type === "date" ? `(value ->> ${i}) || 'T00:00:00.000+00:00'` : `value ->> ${i}`),
  keysOf: (json) => sql`SELECT value FROM json_each(${json})`,
  bound: (v) => sql`${v instanceof Date ? sqliteTimestamp(v) : v}`,
};

const pgType: Record<ColumnType, string> = {
  text: "text",
  int: "int",
  timestamp: "timestamp(3)",
  date: "timestamp(3)",
};

const postgresql: Dialect = {
  rowsOf: (json) => sql`jsonb_array_elements(${json}::jsonb) AS r(value)`,
  cell: (i, type) => `(value ->> ${i})::${pgType[type]}`,
  keysOf: (json, type) => sql`SELECT (jsonb_array_elements_text(${json}::jsonb))::${raw(pgType[type])}`,
  bound: (v, type) => sql`${v instanceof Date ? v.toISOString() : v}::${raw(pgType[type])}`,
};

export type UpdateSpec = {
  /** The column that picks the row to update; its value comes first in each row. */
  key: BulkColumn;
  /** Columns set from each row, after the key. */
  columns: readonly BulkColumn[];
  rows: readonly unknown[][];
  shared?: readonly SharedValue[];
};

export type Bulk = {
  /** Inserts the rows; returns the `returning` columns of the new rows, in no set order. */
  insert<R = never>(table: string, spec: InsertSpec): Promise<R[]>;
  /** Updates one stored row per given row, found by the key. */
  update(table: string, spec: UpdateSpec): Promise<void>;
  /** DELETE FROM table WHERE key IN keys. */
  deleteIn(table: string, key: BulkColumn, keys: readonly unknown[]): Promise<void>;
  /** SELECT columns FROM table WHERE key IN keys [AND condition]. */
  selectIn<R>(
    table: string,
    columns: readonly string[],
    key: BulkColumn,
    keys: readonly unknown[],
    condition?: Sql,
  ): Promise<R[]>;
};

function insertStatement(d: Dialect, table: string, spec: InsertSpec, json: string): Sql {
  const shared = spec.shared ?? [];
  const names = identList([...spec.columns, ...shared.map((s) => s.column)].map((c) => c.name));
  const cells = [
    ...spec.columns.map((c, i) => raw(d.cell(i, c.type))),
    ...shared.map((s) => d.bound(s.value, s.column.type)),
  ];
  const values = cells.reduce((list, cell) => sql`${list}, ${cell}`);
  const insert = sql`INSERT INTO ${ident(table)} (${names}) SELECT ${values} FROM ${d.rowsOf(json)}`;
  return spec.returning?.length ? sql`${insert} RETURNING ${identList(spec.returning)}` : insert;
}

function updateStatement(d: Dialect, table: string, spec: UpdateSpec, json: string): Sql {
  const assignments = [
    ...spec.columns.map((c, i) => raw(`"${c.name}" = ${d.cell(i + 1, c.type)}`)),
    ...(spec.shared ?? []).map((s) => sql`${ident(s.column.name)} = ${d.bound(s.value, s.column.type)}`),
  ].reduce((list, a) => sql`${list}, ${a}`);
  const match = raw(`"${table}"."${spec.key.name}" = ${d.cell(0, spec.key.type)}`);
  return sql`UPDATE ${ident(table)} SET ${assignments} FROM ${d.rowsOf(json)} WHERE ${match}`;
}

/** `key IN (the batch's keys)`. */
function inList(d: Dialect, key: BulkColumn, batch: readonly unknown[]): Sql {
  return sql`${ident(key.name)} IN (${d.keysOf(JSON.stringify(batch), key.type)})`;
}

export function bulkFor(db: RawDb, provider: Provider): Bulk {
  const d = provider === "sqlite" ? sqlite : postgresql;
  return {
    async insert<R>(table: string, spec: InsertSpec) {
      const out: R[] = [];
      for (const batch of slices(spec.rows, rowsPerStatement)) {
        const statement = insertStatement(d, table, spec, JSON.stringify(batch));
        if (spec.returning?.length) out.push(...(await db.$queryRaw<R[]>(statement)));
        else await db.$executeRaw(statement);
      }
      return out;
    },
    async update(table: string, spec: UpdateSpec) {
      for (const batch of slices(spec.rows, rowsPerStatement)) {
        await db.$executeRaw(updateStatement(d, table, spec, JSON.stringify(batch)));
      }
    },
    async deleteIn(table: string, key: BulkColumn, keys: readonly unknown[]) {
      for (const batch of slices(keys, rowsPerStatement)) {
        await db.$executeRaw(sql`DELETE FROM ${ident(table)} WHERE ${inList(d, key, batch)}`);
      }
    },
    async selectIn<R>(
      table: string,
      columns: readonly string[],
      key: BulkColumn,
      keys: readonly unknown[],
      condition?: Sql,
    ) {
      const out: R[] = [];
      for (const batch of slices(keys, rowsPerStatement)) {
        const and = condition ? sql` AND ${condition}` : raw("");
        const query = sql`SELECT ${identList(columns)} FROM ${ident(table)} WHERE ${inList(d, key, batch)}${and}`;
        out.push(...(await db.$queryRaw<R[]>(query)));
      }
      return out;
    },
  };
}

export { type Sql, sql };
