// Errors carry policy: the exit code a CLI command ends with, whether a retry may help, and the
// message shown to staff in Chinese. `exitCodeOf` is the one place that reads that policy.

export const ExitCode = {
  Ok: 0,
  Internal: 1,
  InvalidInput: 2,
  NotFound: 3,
  Refused: 4,
  InvalidConfig: 5,
  Database: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class RedshieldError extends Error {
  readonly exitCode: ExitCode = ExitCode.Internal;
  readonly retryable: boolean = false;
  /** Message for staff, in Simplified Chinese. */
  readonly zhMessage: string;
  constructor(message: string, zhMessage?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.zhMessage = zhMessage ?? message;
  }
}

/** A file, argument or form value that is wrong. The message names the line, field or URL. */
export class InputError extends RedshieldError {
  override readonly exitCode = ExitCode.InvalidInput;
}

export class NotFoundError extends RedshieldError {
  override readonly exitCode = ExitCode.NotFound;
}

/** A well-formed request that a business rule refuses (e.g. a label for a revoked entity). */
export class RefusedError extends RedshieldError {
  override readonly exitCode = ExitCode.Refused;
}

export class ConfigError extends RedshieldError {
  override readonly exitCode = ExitCode.InvalidConfig;
}

/** The database cannot be used as it is (newer schema than the code, unreachable server). */
export class DatabaseError extends RedshieldError {
  override readonly exitCode = ExitCode.Database;
  constructor(message: string, zhMessage?: string, options?: ErrorOptions & { retryable?: boolean }) {
    super(message, zhMessage, options);
    this.retryable = options?.retryable ?? false;
  }
  override readonly retryable: boolean;
}

/** A fetch or page problem that costs one page, never a sweep. */
export class PageError extends RedshieldError {
  constructor(
    readonly kind: string,
    message: string,
    readonly retryablePage = false,
  ) {
    super(message);
  }
}

export function exitCodeOf(error: unknown): ExitCode {
  return error instanceof RedshieldError ? error.exitCode : ExitCode.Internal;
}

export function isRetryable(error: unknown): boolean {
  return error instanceof RedshieldError ? error.retryable : false;
}
