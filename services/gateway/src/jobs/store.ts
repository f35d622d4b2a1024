import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";

import type { ImageInfo__Output } from "@pixelrpc/client";

import { MemoryDeliveryQueue, type DeliveryQueue } from "../webhooks/delivery-queue.js";

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

/** One output of a job: the single result ("result") or a named variant. Its bytes are kept apart (JobStore.resultBytes). */
export interface JobResult {
  readonly name: string;
  readonly info?: ImageInfo__Output;
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
  /** Where the job's end is told (a webhook), and the gateway's address as the caller used it, for absolute result URLs. */
  readonly callback?: JobCallback;
}

export interface JobCallback {
  readonly url: string;
  /** "https://images.example.com" */
  readonly base: string;
}

/** What happens to a job, in order; each event carries the job as it is afterwards. */
export type JobEvent =
  | { readonly type: "progress"; readonly job: Job }
  | { readonly type: "result"; readonly job: Job; readonly result: JobResult }
  | { readonly type: "status"; readonly job: Job };

/** Refusal to take a job, saying why (the store is full). */
export interface Refusal {
  readonly refused: string;
}

/**
 * Where jobs live. The gateway talks to this interface only: the embedded
 * store keeps one gateway's jobs in its memory, the Redis store shares them
 * between gateways. A job is changed only by the gateway that runs it;
 * others ask it to cancel through requestCancel().
 */
export interface JobStore {
  create(kind: Job["kind"], expected: readonly string[], callback?: JobCallback): Promise<Job | Refusal>;
  get(id: string): Promise<Job | undefined>;
  /** The encoded image of one of a job's results. */
  resultBytes(id: string, name: string): Promise<Buffer | undefined>;
  /** Applies `change` to the job (unless it has ended) and tells subscribers. Changes to one job apply in call order. */
  update(id: string, change: (job: Job) => JobEvent["type"] | undefined): Promise<void>;
  /** Records one of a job's results with its bytes, and tells subscribers. */
  addResult(id: string, result: JobResult, bytes?: Buffer): Promise<void>;
  /** Calls `listener` for every later event of the job; resolves, once listening, to the unsubscribe function. */
  subscribe(id: string, listener: (event: JobEvent) => void): Promise<() => void>;
  /** Asks whichever gateway runs the job to cancel it. */
  requestCancel(id: string): Promise<void>;
  /** Calls `listener` whenever any gateway asks for a job to be cancelled. */
  onCancelRequested(listener: (id: string) => void): void;
  /** How many jobs the store holds in each status. */
  countByStatus(): Promise<Record<JobStatus, number>>;
  /** The webhooks waiting to be sent, kept where the jobs are. */
  readonly deliveries: DeliveryQueue;
  close(): Promise<void>;
}

export interface JobStoreLimits {
  /** How long a finished job stays readable. */
  readonly ttlMs: number;
  /** How long a job may run; an unfinished job is forgotten this long plus ttlMs after it was created. */
  readonly jobTimeoutMs: number;
  readonly maxJobs: number;
  /** Result bytes kept in all; a new job is refused once they are reached. */
  readonly maxBytes: number;
}

export const emptyCounts = (): Record<JobStatus, number> => ({ queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 });

export const storeFull = {
  jobs: (count: number): Refusal => ({ refused: `the job store is full: ${count} jobs are kept (GATEWAY_MAX_JOBS); retry once some expire` }),
  bytes: (bytes: number): Refusal => ({ refused: `the job store is full: ${bytes} bytes of results are kept (GATEWAY_MAX_JOB_BYTES); retry once some expire` }),
};

export function newJob(kind: Job["kind"], expected: readonly string[], callback?: JobCallback): Job {
  return { id: randomUUID(), kind, status: "queued", createdAt: Date.now(), expected, results: [], ...(callback ? { callback } : {}) };
}

/**
 * Runs a job's changes one at a time, in call order: each is a
 * read-modify-write, and progress events arrive faster than a remote store
 * answers.
 */
export class JobQueues {
  readonly #tails = new Map<string, Promise<void>>();

  run(id: string, step: () => Promise<void>): Promise<void> {
    const next = (this.#tails.get(id) ?? Promise.resolve()).then(step);
    const tail = next.catch(() => undefined);
    this.#tails.set(id, tail);
    void tail.then(() => {
      if (this.#tails.get(id) === tail) this.#tails.delete(id);
    });
    return next;
  }
}

/** The embedded store: jobs in this process's memory, expiring `ttlMs` after they finish. */
export class MemoryJobStore implements JobStore {
  readonly #jobs = new Map<string, Job>();
  readonly #bytes = new Map<string, Map<string, Buffer>>();
  readonly #events = new EventEmitter().setMaxListeners(0);
  readonly #expiry = new Map<string, NodeJS.Timeout>();
  #totalBytes = 0;
  readonly deliveries = new MemoryDeliveryQueue();

  constructor(readonly limits: JobStoreLimits) {}

  async create(kind: Job["kind"], expected: readonly string[], callback?: JobCallback): Promise<Job | Refusal> {
    if (this.#jobs.size >= this.limits.maxJobs) return storeFull.jobs(this.#jobs.size);
    if (this.#totalBytes >= this.limits.maxBytes) return storeFull.bytes(this.#totalBytes);
    const job = newJob(kind, expected, callback);
    this.#jobs.set(job.id, job);
    this.#bytes.set(job.id, new Map());
    this.#expire(job.id, this.limits.jobTimeoutMs + this.limits.ttlMs);
    return structuredClone(job);
  }

  async get(id: string): Promise<Job | undefined> {
    const job = this.#jobs.get(id);
    return job && structuredClone(job);
  }

  async resultBytes(id: string, name: string): Promise<Buffer | undefined> {
    return this.#bytes.get(id)?.get(name);
  }

  async update(id: string, change: (job: Job) => JobEvent["type"] | undefined): Promise<void> {
    const job = this.#jobs.get(id);
    if (!job || finalStatuses.has(job.status)) return;
    const type = change(job);
    if (!type) return;
    if (finalStatuses.has(job.status)) {
      job.finishedAt = Date.now();
      this.#expire(id, this.limits.ttlMs);
    }
    this.#events.emit(id, { type, job: structuredClone(job) } as JobEvent);
  }

  async addResult(id: string, result: JobResult, bytes?: Buffer): Promise<void> {
    const job = this.#jobs.get(id);
    if (!job || finalStatuses.has(job.status)) return;
    job.results.push(result);
    if (bytes) {
      this.#bytes.get(id)!.set(result.name, bytes);
      this.#totalBytes += bytes.byteLength;
    }
    this.#events.emit(id, { type: "result", job: structuredClone(job), result } satisfies JobEvent);
  }

  async subscribe(id: string, listener: (event: JobEvent) => void): Promise<() => void> {
    this.#events.on(id, listener);
    return () => this.#events.off(id, listener);
  }

  async requestCancel(id: string): Promise<void> {
    this.#events.emit(CANCEL, id);
  }

  onCancelRequested(listener: (id: string) => void): void {
    this.#events.on(CANCEL, listener);
  }

  async countByStatus(): Promise<Record<JobStatus, number>> {
    const counts = emptyCounts();
    for (const job of this.#jobs.values()) counts[job.status]++;
    return counts;
  }

  async close(): Promise<void> {
    for (const timer of this.#expiry.values()) clearTimeout(timer);
  }

  #expire(id: string, afterMs: number): void {
    clearTimeout(this.#expiry.get(id));
    this.#expiry.set(id, setTimeout(() => this.#forget(id), afterMs).unref());
  }

  #forget(id: string): void {
    for (const bytes of this.#bytes.get(id)?.values() ?? []) this.#totalBytes -= bytes.byteLength;
    this.#jobs.delete(id);
    this.#bytes.delete(id);
    this.#expiry.delete(id);
  }
}

/** The event name for cancellation requests; job ids are UUIDs and cannot clash with it. */
const CANCEL = "cancel-requested";
