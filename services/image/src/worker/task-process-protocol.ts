import type { ProgressStep, TransformResult, TransformTask, WorkerSettings } from "../task.js";

/** What a worker thread sends its task process: one transform, and when it must be done. */
export interface ProcessRequest {
  readonly task: Omit<TransformTask, "control" | "progress">;
  readonly settings: WorkerSettings;
  /** Epoch ms: the processing limit or the caller's deadline. */
  readonly end: number;
  /** The thread's measure of how fast this machine encodes (worker/encode-cost.ts). */
  readonly encodeSpeed: number;
}

/** What a task process sends back: that it can take work, its progress, and the result. */
export type ProcessMessage =
  | { readonly type: "ready" }
  | { readonly type: "progress"; readonly step: ProgressStep }
  | { readonly type: "result"; readonly result: TransformResult };
