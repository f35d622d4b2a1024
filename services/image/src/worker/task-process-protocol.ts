import type { Operation__Output } from "@pixelrpc/proto";

import type { ProgressStep, TaskData, TaskFailure, Without, WorkerSettings } from "../contract/task.js";
import type { Performed } from "./perform.js";

/** The task process's socket for image bytes (byte-channel.ts): the file descriptor after its IPC channel's. */
export const BYTES_FD = 4;

type SentTask = Without<TaskData, "image">;

/**
 * A task without its overlay images, which cross on the byte channel after
 * its image, in step order; its steps keep the rest. Only a transform has
 * any.
 */
export function detachOverlays(task: SentTask): { task: SentTask; overlays: Uint8Array[] } {
  if (task.kind !== "transform") return { task, overlays: [] };
  const overlays: Uint8Array[] = [];
  const operations = task.operations.map((operation): Operation__Output => {
    const composite = operation.composite;
    if (composite?.overlay !== "image") return operation;
    overlays.push(composite.image!);
    return { ...operation, composite: { ...composite, image: undefined } };
  });
  return { task: { ...task, operations }, overlays };
}

/** The task with its overlay images back, as detachOverlays took them. */
export function attachOverlays(task: SentTask, overlays: readonly Uint8Array[]): SentTask {
  if (task.kind !== "transform") return task;
  let next = 0;
  const operations = task.operations.map((operation) =>
    operation.composite?.overlay === "image" ? { ...operation, composite: { ...operation.composite, image: overlays[next++] as Buffer } } : operation,
  );
  return { ...task, operations };
}

/**
 * What a worker thread sends its task process: one task, and when it must be
 * done. The task's image goes before it on the byte channel, then
 * `overlays` more: a transform's overlay images.
 */
export interface ProcessRequest {
  readonly task: SentTask;
  readonly settings: WorkerSettings;
  /** Epoch ms: the processing limit or the caller's deadline. */
  readonly end: number;
  /** A transform's: the thread's measure of how fast this machine encodes (worker/encode-cost.ts). */
  readonly encodeSpeed: number | undefined;
  readonly overlays: number;
}

/** A task's success as sent: a transform's encoded image goes before it on the byte channel. */
export type SentPerformed = Performed extends infer Each
  ? Each extends { kind: "transform"; result: infer Result }
    ? { readonly kind: "transform"; readonly result: Omit<Result, "image"> }
    : Each
  : never;

export type ProcessOutcome = { readonly ok: true; readonly performed: SentPerformed } | TaskFailure;

/** What a task process sends back: that it can take work, its progress, and the outcome. */
export type ProcessMessage =
  { readonly type: "ready" } | { readonly type: "progress"; readonly step: ProgressStep } | { readonly type: "result"; readonly outcome: ProcessOutcome };
