import { Redis } from "ioredis";

import { RedisDeliveryQueue } from "../webhooks/redis-deliveries.js";
import {
  emptyCounts,
  finalStatuses,
  JobQueues,
  newJob,
  storeFull,
  type Job,
  type JobEvent,
  type JobResult,
  type JobCallback,
  type JobStatus,
  type JobStore,
  type JobStoreLimits,
  type Refusal,
} from "./store.js";

/**
 * Keys, all under one prefix:
 * - `job:{id}`: the job as JSON, without result bytes;
 * - `job:{id}:result:{name}`: one result's encoded image;
 * - `jobs`: sorted set of job ids by when they expire, for the job limit and counts;
 * - `job-bytes`: hash of job id to its result bytes, for the byte limit;
 * - channel `job-events:{id}`: the job's events, as JSON;
 * - channel `job-cancel`: ids whose cancellation was asked for;
 * - `webhooks` and `webhook:{id}`: webhooks waiting to be sent (webhooks/redis-deliveries.ts).
 * Every key expires with its job, so a gateway that dies mid-job leaves
 * nothing behind for longer than the job's timeout plus its TTL.
 */
const PREFIX = "pixelrpc:";
const jobKey = (id: string): string => `${PREFIX}job:${id}`;
const resultKey = (id: string, name: string): string => `${PREFIX}job:${id}:result:${name}`;
const JOBS = `${PREFIX}jobs`;
const JOB_BYTES = `${PREFIX}job-bytes`;
const eventsChannel = (id: string): string => `${PREFIX}job-events:${id}`;
const CANCEL_CHANNEL = `${PREFIX}job-cancel`;
/** How long a webhook delivery's record is kept: past every schedule the configuration allows (see config.ts). */
export const DELIVERY_RECORD_MS = 7 * 24 * 3600 * 1000;

interface StoredEvent {
  readonly type: JobEvent["type"];
  readonly job: Job;
  readonly result?: JobResult;
}

/**
 * Jobs in Redis, shared by every gateway that points at it: any of them can
 * read a job, follow its events (pub/sub), fetch its results and ask for its
 * cancellation; the gateway that runs a job is the only one that changes it.
 * The limits are checked against the shared totals; two gateways creating
 * jobs at the same instant may overshoot them by one job each.
 */
export class RedisJobStore implements JobStore {
  readonly #redis: Redis;
  /** A second connection: one in subscriber mode can issue no other command. */
  readonly #subscriber: Redis;
  readonly #listeners = new Map<string, Set<(event: JobEvent) => void>>();
  readonly #cancelListeners: ((id: string) => void)[] = [];
  readonly #queues = new JobQueues();
  readonly deliveries: RedisDeliveryQueue;

  private constructor(
    redis: Redis,
    readonly limits: JobStoreLimits,
  ) {
    this.#redis = redis;
    this.deliveries = new RedisDeliveryQueue(redis, DELIVERY_RECORD_MS);
    this.#subscriber = redis.duplicate();
    this.#subscriber.on("messageBuffer", (channel: Buffer, message: Buffer) => this.#dispatch(channel.toString(), message.toString()));
  }

  /**
   * Connects to `url` (redis:// or rediss://) and subscribes to cancellation
   * requests; fails if Redis does not answer. Later connection trouble goes
   * to `onError` while ioredis reconnects (and resubscribes) by itself.
   */
  static async connect(url: string, limits: JobStoreLimits, onError: (error: Error) => void): Promise<RedisJobStore> {
    // Fail fast at start-up rather than queueing commands for a Redis that is not there.
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, connectTimeout: 5000 });
    redis.on("error", onError);
    await redis.connect();
    const store = new RedisJobStore(redis, limits);
    store.#subscriber.on("error", onError);
    await store.#subscriber.subscribe(CANCEL_CHANNEL);
    return store;
  }

  async create(kind: Job["kind"], expected: readonly string[], callback?: JobCallback): Promise<Job | Refusal> {
    const now = Date.now();
    const expired = await this.#redis.zrangebyscore(JOBS, "-inf", now);
    if (expired.length > 0)
      await this.#redis
        .multi()
        .zrem(JOBS, ...expired)
        .hdel(JOB_BYTES, ...expired)
        .exec();
    const count = await this.#redis.zcard(JOBS);
    if (count >= this.limits.maxJobs) return storeFull.jobs(count);
    const bytes = (await this.#redis.hvals(JOB_BYTES)).reduce((sum, value) => sum + Number(value), 0);
    if (bytes >= this.limits.maxBytes) return storeFull.bytes(bytes);
    const job = newJob(kind, expected, callback);
    const lifetime = this.limits.jobTimeoutMs + this.limits.ttlMs;
    await this.#redis
      .multi()
      .set(jobKey(job.id), JSON.stringify(job), "PX", lifetime)
      .zadd(JOBS, now + lifetime, job.id)
      .exec();
    return job;
  }

  async get(id: string): Promise<Job | undefined> {
    const stored = await this.#redis.get(jobKey(id));
    return stored === null ? undefined : (JSON.parse(stored) as Job);
  }

  async resultBytes(id: string, name: string): Promise<Buffer | undefined> {
    return (await this.#redis.getBuffer(resultKey(id, name))) ?? undefined;
  }

  update(id: string, change: (job: Job) => JobEvent["type"] | undefined): Promise<void> {
    return this.#queues.run(id, async () => {
      const job = await this.get(id);
      if (!job || finalStatuses.has(job.status)) return;
      const type = change(job);
      if (!type) return;
      const transaction = this.#redis.multi();
      if (finalStatuses.has(job.status)) {
        job.finishedAt = Date.now();
        // From now on the job lives for its TTL, its results with it.
        const { ttlMs } = this.limits;
        transaction.set(jobKey(id), JSON.stringify(job), "PX", ttlMs).zadd(JOBS, job.finishedAt + ttlMs, id);
        for (const result of job.results) transaction.pexpire(resultKey(id, result.name), ttlMs);
      } else {
        transaction.set(jobKey(id), JSON.stringify(job), "KEEPTTL");
      }
      await transaction.publish(eventsChannel(id), JSON.stringify({ type, job } satisfies StoredEvent)).exec();
    });
  }

  addResult(id: string, result: JobResult, bytes?: Buffer): Promise<void> {
    return this.#queues.run(id, async () => {
      const job = await this.get(id);
      if (!job || finalStatuses.has(job.status)) return;
      job.results.push(result);
      const left = await this.#redis.pttl(jobKey(id));
      const transaction = this.#redis.multi().set(jobKey(id), JSON.stringify(job), "KEEPTTL");
      if (bytes) transaction.set(resultKey(id, result.name), bytes, "PX", Math.max(left, 1)).hincrby(JOB_BYTES, id, bytes.byteLength);
      await transaction.publish(eventsChannel(id), JSON.stringify({ type: "result", job, result } satisfies StoredEvent)).exec();
    });
  }

  async subscribe(id: string, listener: (event: JobEvent) => void): Promise<() => void> {
    const channel = eventsChannel(id);
    let listeners = this.#listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(channel, listeners);
      await this.#subscriber.subscribe(channel);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0 || this.#listeners.get(channel) !== listeners) return;
      this.#listeners.delete(channel);
      void this.#subscriber.unsubscribe(channel).catch(() => undefined);
    };
  }

  async requestCancel(id: string): Promise<void> {
    await this.#redis.publish(CANCEL_CHANNEL, id);
  }

  onCancelRequested(listener: (id: string) => void): void {
    this.#cancelListeners.push(listener);
  }

  async countByStatus(): Promise<Record<JobStatus, number>> {
    const counts = emptyCounts();
    const ids = await this.#redis.zrangebyscore(JOBS, Date.now(), "+inf");
    if (ids.length === 0) return counts;
    for (const stored of await this.#redis.mget(ids.map(jobKey))) {
      if (stored !== null) counts[(JSON.parse(stored) as Job).status]++;
    }
    return counts;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#subscriber.quit(), this.#redis.quit()]);
  }

  #dispatch(channel: string, message: string): void {
    if (channel === CANCEL_CHANNEL) {
      for (const listener of this.#cancelListeners) listener(message);
      return;
    }
    const stored = JSON.parse(message) as StoredEvent;
    const event = (stored.type === "result" ? { type: "result", job: stored.job, result: stored.result! } : { type: stored.type, job: stored.job }) as JobEvent;
    for (const listener of this.#listeners.get(channel) ?? []) listener(event);
  }
}
