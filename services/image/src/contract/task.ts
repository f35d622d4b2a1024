/**
 * The contract between the gRPC side and the worker pool. Tasks and results
 * cross a thread boundary by structured clone (image bytes and progress
 * ports are transferred), so they hold plain data only.
 */
import type { MessagePort } from "node:worker_threads";

import type { WorkerSettings } from "../process/config.js";

import type { ImageInfo__Output, InfoResponse__Output, InputOptions__Output, Operation__Output, OutputOptions__Output, Stage__Output } from "@pixelrpc/proto";

/**
 * Shared between the gRPC side and the worker that runs a task: an Int32
 * holding a TaskState, then a Float64 with when the worker started it.
 * Both sides move the state with compare-and-exchange, so a task is either
 * cancelled before it starts (and never runs) or started (and stops at its
 * next step when cancelled).
 */
export type TaskControl = SharedArrayBuffer;

export const TaskState = { QUEUED: 0, RUNNING: 1, CANCELLED: 2 } as const;

const STARTED_AT_OFFSET = Float64Array.BYTES_PER_ELEMENT;

export function createTaskControl(): TaskControl {
  return new SharedArrayBuffer(STARTED_AT_OFFSET + Float64Array.BYTES_PER_ELEMENT);
}

/** Wall-clock milliseconds that mean the same on every thread (each has its own performance.timeOrigin). */
const now = (): number => performance.timeOrigin + performance.now();

/** Called by the worker that claims the task. */
export function markStarted(control: TaskControl): void {
  new Float64Array(control, STARTED_AT_OFFSET, 1)[0] = now();
}

/** How long the task waited for a worker and how long it ran, in seconds; undefined while it never started. */
export function taskTimes(control: TaskControl, submittedAt: number): { waited: number; ran: number } | undefined {
  const startedAt = new Float64Array(control, STARTED_AT_OFFSET, 1)[0]!;
  if (startedAt === 0) return undefined;
  return { waited: Math.max(0, startedAt - submittedAt) / 1000, ran: Math.max(0, now() - startedAt) / 1000 };
}

/** The submission time to give taskTimes(). */
export const submissionTime = now;

/**
 * The bytes of `view` in an ArrayBuffer that can move to another thread
 * instead of being copied there. A view that is most of a buffer of its own
 * moves with that buffer: the bytes field of a decoded gRPC message (grpc-js
 * assembles each message into a fresh buffer, and its other fields are
 * already decoded), or a fetched source. A view into Node's shared pool of
 * small Buffers, or a small part of a larger buffer, is copied once: moving
 * its buffer would take the rest away from whoever else holds it.
 */
export function ownBuffer(view: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = view;
  const movable = buffer instanceof ArrayBuffer && buffer.byteLength > Buffer.poolSize && view.byteLength * 2 >= buffer.byteLength;
  return movable ? (view as Uint8Array<ArrayBuffer>) : new Uint8Array(view);
}

/**
 * One copy of `view` in shared memory, for bytes that several tasks read at
 * once (the source of a Variants call): every worker reads the same memory.
 */
export function sharedCopy(view: Uint8Array): Uint8Array<SharedArrayBuffer> {
  const shared = new Uint8Array(new SharedArrayBuffer(view.byteLength));
  shared.set(view);
  return shared;
}

interface TaskBase {
  readonly image: Uint8Array;
  readonly control: TaskControl;
  /** When the caller stops waiting (epoch ms); work past it is wasted. */
  readonly deadline?: number;
  /** Where the worker posts ProgressSteps, for callers that follow progress. */
  readonly progress?: MessagePort;
}

/** A step a worker reports as it reaches it. */
export interface ProgressStep {
  readonly stage: Extract<Stage__Output, "STAGE_STARTED" | "STAGE_DECODING" | "STAGE_TRANSFORMING" | "STAGE_ENCODING">;
  /** STAGE_TRANSFORMING: the operation that runs now. */
  readonly operationIndex?: number;
}

export interface TransformTask extends TaskBase {
  readonly kind: "transform";
  readonly operations: readonly Operation__Output[];
  readonly output: OutputOptions__Output;
  readonly input: InputOptions__Output;
}

export interface InfoTask extends TaskBase {
  readonly kind: "info";
  /** Also compute BlurHash, ThumbHash and lqip. */
  readonly placeholders: boolean;
}

/** Reads the header only: is this a source the service will decode? */
export interface ProbeTask extends TaskBase {
  readonly kind: "probe";
  readonly input: InputOptions__Output;
}

export type WorkerTask = TransformTask | InfoTask | ProbeTask;

/** `Omit` for each member of a union on its own, so that each keeps its kind. */
export type Without<Union, Keys extends PropertyKey> = Union extends unknown ? Omit<Union, Keys> : never;

/** A task as plain data, which can go to a task process: its control block and progress port stay in the worker thread. */
export type TaskData = Without<WorkerTask, "control" | "progress">;

export function taskData(task: WorkerTask): TaskData {
  const { control, progress, ...data } = task;
  return data as TaskData;
}

/**
 * Why a task produced no image: the caller's input (INVALID_ARGUMENT), a
 * limit it ran into (RESOURCE_EXHAUSTED), or the caller went away (CANCELLED).
 */
export interface TaskFailure {
  readonly ok: false;
  readonly code: "INVALID_ARGUMENT" | "RESOURCE_EXHAUSTED" | "CANCELLED";
  readonly message: string;
}

export type TransformResult = { readonly ok: true; readonly image: Uint8Array; readonly info: ImageInfo__Output } | TaskFailure;

export type InfoResult = { readonly ok: true; readonly info: InfoResponse__Output } | TaskFailure;

export type ProbeResult = { readonly ok: true } | TaskFailure;

export interface TaskResults {
  transform: TransformResult;
  info: InfoResult;
  probe: ProbeResult;
}

/** What every worker is started with (piscina's `workerData`): the limits of the configuration. */
export type { WorkerSettings };

/** A worker thread's piscina `workerData`: its settings, and whether its pool runs transforms (and so measures how fast this machine encodes). */
export interface WorkerData {
  readonly settings: WorkerSettings;
  readonly runsTransforms: boolean;
}
