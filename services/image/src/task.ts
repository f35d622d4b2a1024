/**
 * The contract between the gRPC side and the worker pool. Tasks and results
 * cross a thread boundary by structured clone, so they hold plain data only.
 */
import type {
  ImageInfo__Output,
  InfoResponse__Output,
  InputOptions__Output,
  Operation__Output,
  OutputOptions__Output,
} from "@pixelrpc/proto";

export interface TransformTask {
  readonly kind: "transform";
  readonly image: Uint8Array;
  readonly operations: readonly Operation__Output[];
  readonly output: OutputOptions__Output;
  readonly input: InputOptions__Output;
}

export interface InfoTask {
  readonly kind: "info";
  readonly image: Uint8Array;
}

export type WorkerTask = TransformTask | InfoTask;

/** The image or a request argument cannot be processed; the caller's fault, not the service's. */
export interface TaskRejection {
  readonly ok: false;
  readonly message: string;
}

export type TransformResult = { readonly ok: true; readonly image: Uint8Array; readonly info: ImageInfo__Output } | TaskRejection;

export type InfoResult = { readonly ok: true; readonly info: InfoResponse__Output } | TaskRejection;

export interface TaskResults {
  transform: TransformResult;
  info: InfoResult;
}

/** What every worker is started with (piscina's `workerData`). */
export interface WorkerSettings {
  readonly maxInputPixels: number;
}
