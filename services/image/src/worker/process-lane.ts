import { fork, type ChildProcess } from "node:child_process";

import type { Duplex } from "node:stream";

import { taskData, type WorkerSettings, type WorkerTask } from "../contract/task.js";
import { ByteChannel } from "./byte-channel.js";
import { encodeSpeed } from "./encode-cost.js";
import type { Performed } from "./perform.js";
import { ImageRejection, processingTimeout } from "./rejection.js";
import type { TaskContext } from "./task-context.js";
import { BYTES_FD, detachOverlays, type ProcessMessage, type ProcessRequest } from "./task-process-protocol.js";

/** How often a running task's cancellation and time are looked at: the bound on work after its call. */
const WATCH_MS = 50;

/** A task process that ended under a task without being asked to: a native crash. A fault, not the caller's. */
export class TaskProcessCrash extends Error {
  override readonly name = "TaskProcessCrash";
}

/** A task the process never started: it may go to a new one. */
class UnstartedTask extends Error {}

/**
 * One worker thread's task process (see task-process.ts): started with the
 * thread, given one task at a time, killed and replaced whenever a task must
 * stop before it ends.
 */
export class ProcessLane {
  #child!: ChildProcess;
  #bytes!: ByteChannel;
  #alive = false;
  #ready!: Promise<void>;

  constructor(private readonly settings: WorkerSettings) {
    this.#start();
  }

  #start(): void {
    // Where node and its flags run this thread, the task process runs too; its stdout and stderr are the service's.
    const child = fork(new URL("./task-process.js", import.meta.url), { serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc", "pipe"] });
    this.#child = child;
    this.#bytes = new ByteChannel(child.stdio[BYTES_FD] as Duplex);
    this.#alive = true;
    // Known dead once its channel closes, or a send to it fails (an 'error' event, which must not
    // end this thread); a death this thread has not seen yet when a task comes is the task's retry.
    const dead = (): void => {
      if (this.#child === child) this.#alive = false;
    };
    child.once("disconnect", dead);
    child.on("error", dead);
    this.#ready = new Promise((resolve, reject) => {
      const onMessage = (message: ProcessMessage): void => {
        if (message.type !== "ready") return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve();
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
        reject(new TaskProcessCrash(`the task process exited before it was ready (${signal ?? `code ${code}`})`));
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
    // Awaited by the next task; a failure to start is that task's failure.
    this.#ready.catch(() => undefined);
  }

  /** Resolves once a task process can take work: the pool's readiness check waits for it. */
  ready(): Promise<void> {
    return this.#ready;
  }

  #replace(): void {
    this.#child.kill("SIGKILL");
    this.#start();
  }

  /**
   * Runs `task` in the task process; stops it there the moment `context`
   * says the call is over. A process found dead before it said anything of
   * this task (killed while idle, out of memory) is replaced and given the
   * task once more; one that dies while working on it was crashed by it.
   */
  async run(task: WorkerTask, context: TaskContext): Promise<Performed> {
    try {
      return await this.#attempt(task, context);
    } catch (error) {
      if (!(error instanceof UnstartedTask)) throw error;
      return this.#attempt(task, context).catch((again: unknown) => {
        throw again instanceof UnstartedTask ? new TaskProcessCrash(again.message) : again;
      });
    }
  }

  async #attempt(task: WorkerTask, context: TaskContext): Promise<Performed> {
    if (!this.#alive) this.#start();
    await this.#ready.catch(() => {
      this.#start();
      return this.#ready;
    });
    const child = this.#child;
    const bytes = this.#bytes;
    const { image, ...data } = taskData(task);
    const { task: sent, overlays } = detachOverlays(data);
    const request: ProcessRequest = {
      task: sent,
      overlays: overlays.length,
      settings: this.settings,
      end: context.end,
      // Measured in the thread, once: a task process that measured for itself would pay for it at every start.
      encodeSpeed: task.kind === "transform" ? await encodeSpeed() : undefined,
    };
    return new Promise<Performed>((resolve, reject) => {
      let heard = false;
      const settle = (): void => {
        clearInterval(watch);
        child.off("message", onMessage);
        child.off("exit", onExit);
      };
      const onMessage = (message: ProcessMessage): void => {
        heard = true;
        if (message.type === "progress") return context.report(message.step);
        if (message.type !== "result") return;
        const { outcome } = message;
        if (!outcome.ok) {
          settle();
          return reject(new ImageRejection(outcome.message, outcome.code));
        }
        const { performed } = outcome;
        if (performed.kind !== "transform") {
          settle();
          return resolve(performed);
        }
        // The image went before this message, so it is here or on its way. Until it has come the
        // task is still watched: a process that dies or a call that ends meanwhile settles it.
        const { result } = performed;
        void bytes.receive().then((encoded) => {
          settle();
          resolve({ kind: "transform", result: { ...result, image: encoded } });
        });
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        settle();
        this.#start();
        const how = signal ?? `exit code ${code}`;
        reject(
          heard
            ? new TaskProcessCrash(`the task process died while running the ${task.kind} (${how})`)
            : new UnstartedTask(`the task process was dead before it took the ${task.kind} (${how})`),
        );
      };
      // Cancelled, past its deadline or its processing limit: the process goes, whatever it computes.
      const watch = setInterval(() => {
        try {
          context.secondsLeft();
        } catch (stop) {
          settle();
          this.#replace();
          reject(stop instanceof ImageRejection ? stop : processingTimeout(context.maxProcessingSeconds));
        }
      }, WATCH_MS);
      child.on("message", onMessage);
      child.once("exit", onExit);
      try {
        bytes.send(image);
        for (const overlay of overlays) bytes.send(overlay);
        child.send(request);
      } catch (error) {
        settle();
        this.#replace();
        reject(new UnstartedTask(`the task process could not take the ${task.kind}: ${(error as Error).message}`, { cause: error }));
      }
    });
  }
}
