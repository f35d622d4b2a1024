import { ImageServiceError, type ImageClient, type TransformStreamRequest, type VariantsRequest } from "@pixelrpc/client";

import type { ImageRequest } from "../image-request.js";
import { problemFrom } from "../problems.js";
import type { Job, JobError, JobStatus, JobStore } from "./store.js";

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
    private readonly onFinished: (status: JobStatus) => void = () => undefined,
  ) {}

  /** Records and starts a job; answers with it at once, or with why it was refused. */
  start(work: ImageRequest): Job | { readonly refused: string } {
    const expected = work.kind === "single" ? [SINGLE_RESULT] : (work.request.variants ?? []).map((variant) => variant.name ?? "");
    const job = this.store.create(work.kind, expected);
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
      .finally(() => {
        this.#calls.delete(job.id);
        this.onFinished(this.store.get(job.id)?.status ?? "failed");
      });
    this.#calls.set(job.id, { controller, done });
    return job;
  }

  /**
   * Cancels a job that is still running (the cancellation reaches the image
   * service) and resolves once it is recorded as cancelled.
   */
  async cancel(id: string): Promise<void> {
    const call = this.#calls.get(id);
    call?.controller.abort(new Error(`job ${id} was cancelled`));
    await call?.done;
  }

  #running(id: string): void {
    this.store.update(id, (job) => {
      if (job.status !== "queued") return undefined;
      job.status = "running";
      job.startedAt = Date.now();
      return "status";
    });
  }

  async #single(id: string, request: TransformStreamRequest, signal: AbortSignal): Promise<void> {
    const chunks: Buffer[] = [];
    let info;
    for await (const event of this.client.transformStream(request, { signal, timeoutMs: this.timeoutMs })) {
      if (event.progress) {
        const { stage, queuePosition, operationIndex, operationCount } = event.progress;
        if (stage !== "STAGE_QUEUED") this.#running(id);
        this.store.update(id, (job) => ((job.progress = { stage, queuePosition, operationIndex, operationCount }), "progress"));
      } else if (event.info) info = event.info;
      else if (event.chunk) chunks.push(event.chunk);
    }
    const bytes = Buffer.concat(chunks);
    this.store.update(id, () => "result", { name: SINGLE_RESULT, info: info!, bytes });
  }

  async #variants(id: string, request: VariantsRequest, signal: AbortSignal): Promise<void> {
    this.#running(id);
    for await (const variant of this.client.variants(request, { signal, timeoutMs: this.timeoutMs })) {
      const result = variant.error
        ? { name: variant.name, error: asJobError(new ImageServiceError(variant.error.code, variant.error.message)) }
        : { name: variant.name, info: variant.info!, bytes: variant.image };
      this.store.update(id, () => "result", result);
    }
  }
}
