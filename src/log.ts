// Structured logger: a message, a details object and a context from a closed list.
// JSON lines when standard error is not a terminal (services, CI), short text when it is.

export type LogContext =
  | "cli"
  | "db"
  | "registry"
  | "labels"
  | "web"
  | "sweep"
  | "crawler"
  | "worker"
  | "queue"
  | "signals"
  | "evidence"
  | "export"
  | "scheduler";
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let minLevel: Level = (process.env.REDSHIELD_LOG_LEVEL as Level | undefined) ?? "info";
const asJson = !process.stderr.isTTY;

export function setLogLevel(level: Level): void {
  minLevel = level;
}

function write(level: Level, context: LogContext, message: string, details?: Record<string, unknown>): void {
  if (order[level] < order[minLevel]) return;
  if (asJson) {
    const line = { time: new Date().toISOString(), level, context, message, ...(details ? { details } : {}) };
    process.stderr.write(`${JSON.stringify(line)}\n`);
  } else {
    const extra = details ? ` ${JSON.stringify(details)}` : "";
    process.stderr.write(`[${level}] ${context}: ${message}${extra}\n`);
  }
}

export function logger(context: LogContext) {
  return {
    debug: (message: string, details?: Record<string, unknown>) => write("debug", context, message, details),
    info: (message: string, details?: Record<string, unknown>) => write("info", context, message, details),
    warn: (message: string, details?: Record<string, unknown>) => write("warn", context, message, details),
    error: (message: string, details?: Record<string, unknown>) => write("error", context, message, details),
  };
}
export type Logger = ReturnType<typeof logger>;
