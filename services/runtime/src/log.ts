/** A structured logger: one JSON object per line on stdout, so log shippers need no parsing rules. */
export type LogLevel = "debug" | "info" | "warn" | "error";

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

/**
 * JSON.stringify that never throws and loses nothing useful: errors (at any
 * depth, with their causes) become objects, BigInts become strings, and a
 * circular reference becomes "[Circular]".
 */
function stringify(entry: Record<string, unknown>): string {
  const ancestors: object[] = [];
  return JSON.stringify(entry, function (this: unknown, _key, value: unknown) {
    if (typeof value === "bigint") return value.toString();
    if (typeof value !== "object" || value === null) return value;
    while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
    if (ancestors.includes(value)) return "[Circular]";
    const replacement =
      value instanceof Error
        ? { name: value.name, message: value.message, stack: value.stack, ...(value.cause === undefined ? {} : { cause: value.cause }) }
        : value;
    // The holder of this value's children: what they will see as `this`.
    ancestors.push(replacement);
    return replacement;
  });
}

let stdoutLost = false;
let stdoutWatched = false;

/**
 * Writes a line to stdout while it works, for every logger of the process
 * (pino's included). A reader that goes away (a log shipper
 * restarting, a closed pipe: EPIPE) must not take the service with it, as
 * an unhandled 'error' event would: later lines are dropped, and stderr
 * says so once.
 */
export function writeLine(line: string): void {
  if (!stdoutWatched) {
    stdoutWatched = true;
    process.stdout.on("error", (error) => {
      if (stdoutLost) return;
      stdoutLost = true;
      const notice = {
        time: new Date().toISOString(),
        level: "error",
        event: "log_output_lost",
        message: "stdout failed: log lines are dropped from now on",
        error,
      };
      process.stderr.write(`${stringify(notice)}\n`);
    });
    // With stderr gone as well there is nowhere left to say anything.
    process.stderr.on("error", () => undefined);
  }
  if (!stdoutLost) process.stdout.write(line);
}

export function createLogger(component: string, write: (line: string) => void = writeLine): Logger {
  return {
    log(level, event, fields = {}) {
      const fixed = { time: new Date().toISOString(), level, component, event };
      // Fixed fields lead the line and win over a field of the same name.
      write(`${stringify({ ...fixed, ...fields, ...fixed })}\n`);
    },
  };
}
