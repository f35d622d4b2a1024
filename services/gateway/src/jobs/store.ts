import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";

import type { ImageInfo__Output } from "@pixelrpc/client";

export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";

export const finalStatuses: ReadonlySet<JobStatus> = new Set(["succeeded", "failed", "cancelled"]);

export interface JobProgress {
  readonly stage: string;
  readonly queuePosition: number;
  readonly operationIndex: number;
  readonly operationCount: number;
}

export interface JobError {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
}

/** One output of a job: the single result ("result") or a named variant. */
export interface JobResult {
  readonly name: string;
  readonly info?: ImageInfo__Output;
  readonly bytes?: Buffer;
  /** Set when this variant failed; the others may still succeed. */
  readonly error?: JobError;
}

export interface Job {
  readonly id: string;
  readonly kind: "single" | "variants";
  status: JobStatus;
  readonly createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  progress?: JobProgress;
  /** The outputs the job will make, in request order. */
  readonly expected: readonly string[];
  readonly results: JobResult[];
  error?: JobError;
}

/** What happens to a job, in order; each event carries the job as it is afterwards. */
export type JobEvent =
  | { readonly type: "progress"; readonly job: Job }
  | { readonly type: "result"; readonly job: Job; readonly result: JobResult }
  | { readonly type: "status"; readonly job: Job };

/**
 * Where jobs live. The gateway talks to this interface only, so that a
 * shared store (several gateways, one set of jobs) can replace the embedded one.
 */
export interface JobStore {
  /** Records a new job, or returns a reason why it cannot be taken (the store is full). */
  create(kind: Job["kind"], expected: readonly string[]): Job | { readonly refused: string };
  get(id: string): Job | undefined;
  /** Applies `change` to the job and tells subscribers what happened. */
  update(id: string, change: (job: Job) => JobEvent["type"] | undefined, result?: JobResult): void;
  /** Calls `listener` for every later event of the job; returns the unsubscribe function. */
  subscribe(id: string, listener: (event: JobEvent) => void): () => void;
  /** How many jobs the store holds in each status. */
  countByStatus(): Record<JobStatus, number>;
}

export interface MemoryJobStoreLimits {
  /** How long a finished job stays readable. */
  readonly ttlMs: number;
  readonly maxJobs: number;
  /** Result bytes kept in all; a job that would go past it is refused. */
  readonly maxBytes: number;
}

/** The embedded store: jobs in this process's memory, expiring `ttlMs` after they finish. */
export class MemoryJobStore implements JobStore {
  readonly #jobs = new Map<string, Job>();
  readonly #events = new EventEmitter().setMaxListeners(0);
  readonly #expiry = new Map<string, NodeJS.Timeout>();
  #bytes = 0;

  constructor(readonly limits: MemoryJobStoreLimits) {}

  create(kind: Job["kind"], expected: readonly string[]): Job | { readonly refused: string } {
    if (this.#jobs.size >= this.limits.maxJobs) {
      return { refused: `the job store is full: ${this.#jobs.size} jobs are kept (GATEWAY_MAX_JOBS); retry once some expire` };
    }
    if (this.#bytes >= this.limits.maxBytes) {
      return { refused: `the job store is full: ${this.#bytes} bytes of results are kept (GATEWAY_MAX_JOB_BYTES); retry once some expire` };
    }
    const job: Job = { id: randomUUID(), kind, status: "queued", createdAt: Date.now(), expected, results: [] };
    this.#jobs.set(job.id, job);
    return job;
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  update(id: string, change: (job: Job) => JobEvent["type"] | undefined, result?: JobResult): void {
    const job = this.#jobs.get(id);
    if (!job || finalStatuses.has(job.status)) return;
    const type = change(job);
    if (!type) return;
    if (result) {
      job.results.push(result);
      this.#bytes += result.bytes?.byteLength ?? 0;
    }
    if (finalStatuses.has(job.status)) {
      job.finishedAt = Date.now();
      this.#expiry.set(id, setTimeout(() => this.#forget(id), this.limits.ttlMs).unref());
    }
    this.#events.emit(id, (type === "result" ? { type, job, result: result! } : { type, job }) as JobEvent);
  }

  subscribe(id: string, listener: (event: JobEvent) => void): () => void {
    this.#events.on(id, listener);
    return () => this.#events.off(id, listener);
  }

  countByStatus(): Record<JobStatus, number> {
    const counts: Record<JobStatus, number> = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
    for (const job of this.#jobs.values()) counts[job.status]++;
    return counts;
  }

  #forget(id: string): void {
    const job = this.#jobs.get(id);
    if (!job) return;
    for (const result of job.results) this.#bytes -= result.bytes?.byteLength ?? 0;
    this.#jobs.delete(id);
    this.#expiry.delete(id);
  }
}
