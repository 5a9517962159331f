// The register's columns: each field has an English header and the header the registration
// system exports in Chinese. A file may use either (even mixed); matching ignores case, width
// (全角/半角), spaces, hyphens and underscores.

export const registerColumns = [
  { field: "uscc", english: "uscc", chinese: "统一社会信用代码", required: true },
  { field: "name", english: "name", chinese: "名称", required: true },
  { field: "kind", english: "kind", chinese: "类型", required: true },
  { field: "status", english: "status", chinese: "登记状态", required: true },
  { field: "region", english: "region", chinese: "所属分局", required: false },
  { field: "address", english: "address", chinese: "住所", required: false },
  { field: "domains", english: "domains", chinese: "网站域名", required: false },
  { field: "icp", english: "icp", chinese: "ICP备案号", required: false },
  { field: "registeredOn", english: "registered_on", chinese: "成立日期", required: false },
] as const;

export type RegisterField = (typeof registerColumns)[number]["field"];

/** A column found in a file's header row: which field, the header as written, its position. */
export type FileColumn = { field: RegisterField; label: string; index: number };

export type HeaderProblem = { message: string };

function headerKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
}

const fieldByKey = new Map<string, RegisterField>(
  registerColumns.flatMap((c) => [
    [headerKey(c.english), c.field],
    [headerKey(c.chinese), c.field],
  ]),
);

function describeColumn(field: RegisterField): string {
  const c = registerColumns.find((col) => col.field === field)!;
  return `${c.english} (${c.chinese})`;
}

function knownHeaders(): string {
  return registerColumns.map((c) => describeColumn(c.field)).join(", ");
}

/**
 * Maps a header row to fields. Trailing empty header cells (left by spreadsheet programs) are
 * dropped. Returns the columns, or the problems that make the file unreadable.
 */
export function resolveHeader(cells: readonly string[]): { columns: FileColumn[]; problems: string[] } {
  const trimmed = cells.map((c) => c.trim());
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === "") trimmed.pop();
  const columns: FileColumn[] = [];
  const problems: string[] = [];
  trimmed.forEach((label, index) => {
    const field = fieldByKey.get(headerKey(label));
    if (!label) {
      problems.push(`column ${index + 1} has no header`);
    } else if (!field) {
      problems.push(`unknown column "${label}" (known columns: ${knownHeaders()})`);
    } else {
      const earlier = columns.find((c) => c.field === field);
      if (earlier) {
        problems.push(
          `column "${label}" repeats column "${earlier.label}" (both are ${describeColumn(field)})`,
        );
      } else {
        columns.push({ field, label, index });
      }
    }
  });
  for (const c of registerColumns) {
    if (c.required && !columns.some((col) => col.field === c.field)) {
      problems.push(`missing required column ${describeColumn(c.field)}`);
    }
  }
  return { columns, problems };
}

/** The header text a field has in files written by redshield (the registration system's Chinese). */
export function chineseHeader(field: RegisterField): string {
  return registerColumns.find((c) => c.field === field)!.chinese;
}
