import { collectImage, ImageServiceError, type ImageClient, type TransformStreamRequest, type VariantsRequest } from "@pixelrpc/client";

import type { ImageRequest } from "../image-request.js";
import { problemFrom } from "../problems.js";
import { within } from "../within.js";
import type { Job, JobCallback, JobError, JobStatus, JobStore, Refusal } from "./store.js";

/** The name of a single-output job's result. */
export const SINGLE_RESULT = "result";

const asJobError = (error: unknown): JobError => {
  if (error instanceof ImageServiceError) {
    const { status, title, detail } = problemFrom(error);
    return { status, title, detail };
  }
  return { status: 502, title: "Image service failed", detail: error instanceof Error ? error.message : String(error) };
};

/**
 * Runs jobs against the image service and records what happens in the
 * store. The calls themselves belong to this gateway process: cancelling a
 * job cancels its gRPC call.
 */
export class JobRunner {
  readonly #calls = new Map<string, { readonly controller: AbortController; readonly done: Promise<void> }>();

  constructor(
    private readonly store: JobStore,
    private readonly client: ImageClient,
    private readonly timeoutMs: number,
    /** Told of each job this gateway ran once it has ended, as the store recorded it (undefined when it could not be read back). */
    private readonly onFinished: (status: JobStatus, job: Job | undefined) => void = () => undefined,
  ) {
    // Any gateway may be asked to cancel a job; only the one running it can.
    store.onCancelRequested((id) => void this.cancel(id));
  }

  /** Records and starts a job; answers with it at once, or with why it was refused. */
  async start(work: ImageRequest, callback?: JobCallback): Promise<Job | Refusal> {
    const expected = work.kind === "single" ? [SINGLE_RESULT] : (work.request.variants ?? []).map((variant) => variant.name ?? "");
    const job = await this.store.create(work.kind, expected, callback);
    if ("refused" in job) return job;
    const controller = new AbortController();
    const run = work.kind === "single" ? this.#single(job.id, work.request, controller.signal) : this.#variants(job.id, work.request, controller.signal);
    const done = run
      .then(
        () => this.store.update(job.id, (current) => ((current.status = "succeeded"), "status")),
        (error: unknown) =>
          this.store.update(job.id, (current) => {
            if (controller.signal.aborted) current.status = "cancelled";
            else {
              current.status = "failed";
              current.error = asJobError(error);
            }
            return "status";
          }),
      )
      .then(() => this.store.get(job.id))
      .then(
        (finished) => this.onFinished(finished?.status ?? "failed", finished),
        () => this.onFinished("failed", undefined),
      )
      .finally(() => this.#calls.delete(job.id));
    this.#calls.set(job.id, { controller, done });
    return job;
  }

  /**
   * For shutdown: waits up to `graceMs` for the jobs this gateway runs, then
   * cancels the rest, so that every job ends recorded as finished or
   * cancelled instead of left "running" in a shared store.
   */
  async drain(graceMs: number): Promise<void> {
    const running = [...this.#calls.values()].map((call) => call.done);
    if (running.length === 0) return;
    await within(graceMs, Promise.all(running));
    await Promise.all([...this.#calls.keys()].map((id) => this.cancel(id)));
  }

  /**
   * Cancels a job this gateway is running (the cancellation reaches the
   * image service) and resolves once it is recorded as cancelled.
   */
  async cancel(id: string): Promise<void> {
    const call = this.#calls.get(id);
    call?.controller.abort(new Error(`job ${id} was cancelled`));
    await call?.done;
  }

  #running(id: string): void {
    this.#bestEffort(
      this.store.update(id, (job) => {
        if (job.status !== "queued") return undefined;
        job.status = "running";
        job.startedAt = Date.now();
        return "status";
      }),
    );
  }

  /**
   * Progress is best effort: the job goes on if recording a step fails (a
   * store hiccup); its result and final status are awaited and must land.
   */
  #bestEffort(update: Promise<void>): void {
    update.catch(() => undefined);
  }

  async #single(id: string, request: TransformStreamRequest, signal: AbortSignal): Promise<void> {
    const events = this.client.transformStream(request, { signal, timeoutMs: this.timeoutMs });
    const { image, info } = await collectImage(events, ({ stage, queuePosition, operationIndex, operationCount }) => {
      if (stage !== "STAGE_QUEUED") this.#running(id);
      this.#bestEffort(this.store.update(id, (job) => ((job.progress = { stage, queuePosition, operationIndex, operationCount }), "progress")));
    });
    await this.store.addResult(id, { name: SINGLE_RESULT, info }, image);
  }

  async #variants(id: string, request: VariantsRequest, signal: AbortSignal): Promise<void> {
    this.#running(id);
    for await (const variant of this.client.variants(request, { signal, timeoutMs: this.timeoutMs })) {
      if (variant.error) {
        await this.store.addResult(id, { name: variant.name, error: asJobError(new ImageServiceError(variant.error.code, variant.error.message)) });
      } else {
        await this.store.addResult(id, { name: variant.name, info: variant.info! }, variant.image);
      }
    }
  }
}
