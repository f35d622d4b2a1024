import { ForbiddenAddress, guardedRequest, OutboundUrlError, parseOutboundUrl } from "@pixelrpc/outbound";

import type { WebhookConfig } from "../config.js";
import type { JobLinks } from "../job-links.js";
import { jobView } from "../job-view.js";
import type { Job } from "../jobs/store.js";
import { HttpProblem } from "../problems.js";
import { within } from "../within.js";
import type { Delivery, DeliveryQueue } from "./delivery-queue.js";
import { webhookHeaders } from "./signature.js";

/** How often each gateway looks for deliveries that are due (the first attempt does not wait for it). */
const POLL_MS = 250;
/** Attempts one gateway makes at once. */
const MAX_IN_FLIGHT = 16;
/** A claimed delivery comes due again this long after its attempt's timeout, should its gateway die mid-attempt. */
const LEASE_MARGIN_MS = 5000;

/** What happened to one attempt. */
export type AttemptOutcome = "delivered" | "failed" | "refused" | "abandoned";

type Log = (level: "info" | "warn" | "error", event: string, fields: Record<string, unknown>) => void;

/**
 * Job webhooks: when a job that names a `callback_url` ends, its event
 * (the job as GET /v1/jobs/{id} shows it, with absolute, signed result
 * URLs) is queued in the job store, then POSTed, signed as the Standard
 * Webhooks specification says, until the receiver answers 2xx. Delivery is
 * at least once: a failed attempt (a status other than 2xx, a redirect,
 * which is never followed, a timeout, a connection that fails) is retried
 * after a wait that grows four times each attempt, with jitter, up to the
 * attempts allowed. The outbound rules are the image service's, from
 * @pixelrpc/outbound: allowed URLs only, no reserved address unless
 * allowed, checked in the connection's own DNS lookup; a URL they refuse is
 * given up at once.
 */
export class Webhooks {
  #timer: NodeJS.Timeout | undefined;
  readonly #inFlight = new Set<Promise<void>>();
  #polling = false;

  constructor(
    private readonly queue: DeliveryQueue,
    private readonly config: WebhookConfig,
    private readonly links: JobLinks,
    private readonly log: Log,
    private readonly onAttempt: (outcome: AttemptOutcome) => void = () => undefined,
  ) {}

  /**
   * `text` as a callback URL this gateway may call, normalised; a 400
   * problem naming what is wrong otherwise. The addresses its host resolves
   * to are checked when each attempt connects.
   */
  callbackUrl(text: string): string {
    const checked = this.#allowed(text);
    if (typeof checked === "string") throw new HttpProblem(400, "Bad callback URL", checked);
    return checked.href;
  }

  /** `text` as a URL the rules allow, or why they do not. */
  #allowed(text: string): URL | string {
    let url: URL;
    try {
      url = parseOutboundUrl(text, "callback_url");
    } catch (error) {
      if (error instanceof OutboundUrlError) return error.message;
      throw error;
    }
    return this.config.allowed.refusal(url) ?? url;
  }

  /** Queues the event of `job`, which has ended, and looks for due deliveries at once. */
  async enqueue(job: Job): Promise<void> {
    if (!job.callback) return;
    const now = Date.now();
    const event = { type: `job.${job.status}`, timestamp: new Date(now).toISOString(), data: jobView(job, this.links, job.callback.base) };
    const delivery: Delivery = {
      // One event per job: its id is the job's, so that a receiver deduplicates even a job's end told twice.
      id: `msg_${job.id}`,
      jobId: job.id,
      url: job.callback.url,
      payload: JSON.stringify(event),
      attempts: 0,
      nextAt: now,
      createdAt: now,
    };
    await this.queue.enqueue(delivery);
    this.log("info", "webhook_queued", { deliveryId: delivery.id, jobId: job.id, url: delivery.url, type: event.type });
    void this.#poll();
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.#poll(), POLL_MS).unref();
  }

  /** Stops looking for deliveries and waits up to `graceMs` for the attempts under way; the rest come due again elsewhere. */
  async stop(graceMs: number): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await within(graceMs, Promise.all(this.#inFlight));
  }

  async #poll(): Promise<void> {
    if (this.#polling || this.#inFlight.size >= MAX_IN_FLIGHT) return;
    this.#polling = true;
    try {
      const due = await this.queue.claim(Date.now(), this.config.timeoutMs + LEASE_MARGIN_MS, MAX_IN_FLIGHT - this.#inFlight.size);
      for (const delivery of due) {
        const attempt = this.#attempt(delivery).finally(() => this.#inFlight.delete(attempt));
        this.#inFlight.add(attempt);
      }
    } catch (error) {
      this.log("error", "webhook_queue_error", { error: (error as Error).message });
    } finally {
      this.#polling = false;
    }
  }

  async #attempt(delivery: Delivery): Promise<void> {
    const attempt = delivery.attempts + 1;
    const started = performance.now();
    const result = await this.#send(delivery);
    const fields = {
      deliveryId: delivery.id,
      jobId: delivery.jobId,
      url: delivery.url,
      attempt,
      durationMs: Math.round(performance.now() - started),
      detail: result.detail,
    };
    try {
      if (result.outcome === "delivered" || result.outcome === "refused") {
        await this.queue.finish(delivery.id);
        this.onAttempt(result.outcome);
        if (result.outcome === "delivered") this.log("info", "webhook_delivered", fields);
        else this.log("warn", "webhook_refused", fields);
      } else if (attempt >= this.config.maxAttempts) {
        await this.queue.finish(delivery.id);
        this.onAttempt("abandoned");
        this.log("warn", "webhook_abandoned", { ...fields, message: `no attempt of ${attempt} succeeded (GATEWAY_WEBHOOK_MAX_ATTEMPTS)` });
      } else {
        const nextAt = Date.now() + this.#wait(attempt);
        await this.queue.reschedule({ ...delivery, attempts: attempt, nextAt });
        this.onAttempt("failed");
        this.log("info", "webhook_failed", { ...fields, nextAttemptAt: new Date(nextAt).toISOString() });
      }
    } catch (error) {
      // The lease runs out and the delivery comes due again: at least once, never lost.
      this.log("error", "webhook_queue_error", { ...fields, error: (error as Error).message });
    }
  }

  /** The wait after attempt `attempt` failed: GATEWAY_WEBHOOK_RETRY_MS, four times longer each time, ±20%. */
  #wait(attempt: number): number {
    return Math.round(this.config.retryMs * 4 ** (attempt - 1) * (0.8 + Math.random() * 0.4));
  }

  async #send(delivery: Delivery): Promise<{ outcome: "delivered" | "failed" | "refused"; detail: string }> {
    // The rules may have changed since the job was started (another gateway's, a restart's).
    const url = this.#allowed(delivery.url);
    if (typeof url === "string") return { outcome: "refused", detail: url };
    const body = Buffer.from(delivery.payload);
    const timeout = AbortSignal.timeout(this.config.timeoutMs);
    try {
      const response = await guardedRequest(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": body.byteLength,
          "user-agent": "pixelrpc-gateway",
          ...webhookHeaders(this.config.keys, delivery.id, delivery.payload),
        },
        body,
        addresses: this.config.addresses,
        signal: timeout,
      });
      // Nothing of the answer is wanted but its status: a receiver that streams a body cannot hold the attempt.
      response.destroy();
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) return { outcome: "delivered", detail: `HTTP ${status}` };
      return { outcome: "failed", detail: status >= 300 && status < 400 ? `HTTP ${status}: redirects are not followed` : `HTTP ${status}` };
    } catch (error) {
      if (error instanceof ForbiddenAddress) {
        return {
          outcome: "refused",
          detail: `${error.message}; webhooks may reach only public addresses unless GATEWAY_WEBHOOK_ALLOWED_ADDRESSES allows more`,
        };
      }
      if (timeout.aborted) return { outcome: "failed", detail: `no answer within ${this.config.timeoutMs} ms (GATEWAY_WEBHOOK_TIMEOUT_MS)` };
      const { code, message } = error as NodeJS.ErrnoException;
      return { outcome: "failed", detail: code ?? message };
    }
  }
}
