/**
 * The bench's own child processes: load drivers, the ceiling, the health
 * probe and the naive server each run in a process of their own, so that no
 * measurement shares an event loop or a heap with another, or with the
 * orchestrator. Arguments go in as one JSON argv entry; results come back as
 * JSON lines on stdout; closing stdin asks a child to finish (the probe).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

const TSX = import.meta.resolve("tsx");

export interface BenchChild {
  readonly pid: number;
  readonly process: ChildProcess;
  /** The next JSON line the child writes; rejects if it exits first or `timeoutMs` passes. */
  next<T>(timeoutMs?: number): Promise<T>;
  /** Closes the child's stdin: the signal to report and exit. */
  finish(): void;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  kill(): Promise<number | null>;
}

export interface ChildOptions {
  /** Added to the inherited environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Node options before the script, such as --cpu-prof. */
  readonly nodeArgs?: readonly string[];
  /** The cores the process (every thread and child of it) may run on, as `taskset -c` takes them: "1", "0,1". */
  readonly cpus?: string;
}

/** `command args` to spawn, under `taskset -c cpus` when cores are named: affinity set before exec is inherited by every thread and child. */
export const onCpus = (cpus: string | undefined, command: string, args: readonly string[]): [string, string[]] =>
  cpus === undefined ? [command, [...args]] : ["taskset", ["-c", cpus, command, ...args]];

/** Starts `script` (a file next to this one, without .ts) with `args`. */
export function startChild(script: string, args: unknown, options: ChildOptions = {}): BenchChild {
  const path = new URL(`./${script}.ts`, import.meta.url).pathname;
  // Only the TypeScript loader, not this process's execArgv: that may hold
  // an -e script, which every child would run again.
  const child = spawn(...onCpus(options.cpus, process.execPath, ["--import", TSX, ...(options.nodeArgs ?? []), path, JSON.stringify(args)]), {
    env: { ...process.env, ...options.env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    lines.push(line);
    waiters.splice(0).forEach((wake) => wake());
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      exitCode = code;
      // Let readline deliver the last lines before waiters give up.
      setImmediate(() => waiters.splice(0).forEach((wake) => wake()));
      resolve(code);
    }),
  );
  // A child that exits before reading its stdin would otherwise raise EPIPE here.
  child.stdin!.on("error", () => undefined);

  return {
    pid: child.pid!,
    process: child,
    exited,
    next<T>(timeoutMs = 15 * 60_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${script}: no result in ${timeoutMs} ms`)), timeoutMs);
        const look = (): void => {
          const line = lines.shift();
          if (line !== undefined) {
            clearTimeout(timer);
            resolve(JSON.parse(line) as T);
          } else if (exitCode !== undefined) {
            clearTimeout(timer);
            reject(new Error(`${script} exited with code ${exitCode} before reporting`));
          } else {
            waiters.push(look);
          }
        };
        look();
      });
    },
    finish: () => child.stdin!.end(),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Runs `script` to completion and returns the one result it reports. */
export async function runChild<T>(script: string, args: unknown, options: ChildOptions = {}): Promise<T> {
  const child = startChild(script, args, options);
  try {
    const result = await child.next<T>();
    // It exits by itself once it has reported (writing its --cpu-prof profile first, if any).
    await Promise.race([child.exited, new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
    return result;
  } finally {
    await child.kill();
  }
}

// The child's side.

/** The arguments the orchestrator passed to this child. */
export function childArgs<T>(): T {
  return JSON.parse(process.argv[2] ?? "{}") as T;
}

/** Writes one result line; resolves once it is flushed, so the child may exit right after. */
export function report(value: unknown): Promise<void> {
  return new Promise((resolve) => process.stdout.write(`${JSON.stringify(value)}\n`, () => resolve()));
}

/** Runs a child's body: reports its result and exits, or prints the error and exits with 1. */
export function childMain(body: () => Promise<unknown>): void {
  body().then(
    async (result) => {
      if (result !== undefined) await report(result);
      // Calls still in flight are abandoned on purpose (see load-loop.ts).
      process.exit(0);
    },
    (error: unknown) => {
      console.error(`${process.argv[1]}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}

/** Resolves when the orchestrator closes this child's stdin. */
export function finishRequested(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.on("end", resolve).on("close", resolve).resume();
  });
}

/** Where a pinned measurement runs: the server side on the last core, its callers on the others. */
export interface Placement {
  readonly serverCores: string;
  readonly callerCores: string;
}

/** What a pinned bench's report says about how it ran. */
export interface PinnedRun extends Placement {
  readonly rounds: number;
  /** The photo, described. */
  readonly photo: string;
  /** Seconds per mode per round. */
  readonly seconds: number;
}

/**
 * The pinned placement on this machine, with every thread of this process
 * (a caller, or the parent of callers) moved onto the callers' cores: as if
 * the callers ran on other machines. `what` names the bench in the error a
 * 1-core machine gets.
 */
export function pinCallers(cores: number, what: string): Placement {
  if (cores < 2) throw new Error(`${what} puts the server side and its callers on cores of their own: it needs 2 cores`);
  const placement = { serverCores: String(cores - 1), callerCores: cores === 2 ? "0" : `0-${cores - 2}` };
  const pinned = spawnSync("taskset", ["-a", "-c", "-p", placement.callerCores, String(process.pid)], { encoding: "utf8" });
  if (pinned.status !== 0) throw new Error(`taskset could not pin ${what}'s callers: ${pinned.stderr || pinned.error?.message}`);
  return placement;
}
