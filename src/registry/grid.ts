// The common shape both file formats are read into before their header is interpreted: rows of
// text cells, each with the 1-based line (CSV file line, or worksheet row number) it came from.

export type GridRow = {
  line: number;
  cells: string[];
  /** A cell that could be read but not trusted, found while reading the file. */
  problem?: { cellIndex: number; reason: string };
};

/** The file cannot be read at all; `line` is set when one place is to blame. */
export class UnreadableFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}
