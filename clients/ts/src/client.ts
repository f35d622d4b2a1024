import {
  credentials as grpcCredentials,
  status,
  type CallOptions as GrpcCallOptions,
  type ChannelCredentials,
  type ChannelOptions,
  type ClientReadableStream,
  type ClientUnaryCall,
  type ServiceError,
} from "@grpc/grpc-js";
import {
  checkMessage,
  DEFAULT_MAX_MESSAGE_BYTES,
  FLOW_CONTROL_WINDOW_BYTES,
  imageServiceName,
  loadImageServiceGrpcObject,
  MessageShapeError,
  type ImageInfo__Output,
  type ImageServiceClient,
  type InfoRequest,
  type InfoResponse__Output,
  type TransformRequest,
  type TransformResponse__Output,
  type TransformStreamRequest,
  type TransformStreamResponse__Output,
  type VariantsRequest,
  type VariantsResponse__Output,
} from "@pixelrpc/proto";

import { DEFAULT_MAX_ATTEMPTS, replicaChannelOptions, type ReplicaOptions } from "./channel-config.js";
import { ImageServiceError } from "./errors.js";
import { resumable, transformResumption, variantsResumption } from "./stream-resume.js";
import { createHealthStub, type ServingStatus } from "./health.js";
import { tlsChannel, type TlsOptions } from "./tls.js";

export interface ImageClientOptions extends ReplicaOptions {
  /** TLS, or mutual TLS with a client certificate. Default: plaintext. */
  readonly tls?: TlsOptions;
  /** Any grpc-js channel credentials, instead of `tls`. Default: plaintext. */
  readonly credentials?: ChannelCredentials;
  /** Largest message sent or received, in bytes. Default 32 MiB, as the service. */
  readonly maxMessageBytes?: number;
  /** Any other grpc-js channel option; these win over the defaults (a `grpc.service_config` of your own, say). */
  readonly channelOptions?: ChannelOptions;
}

export interface CallOptions {
  /** Aborting cancels the call on the server too; the promise rejects with CANCELLED. */
  readonly signal?: AbortSignal;
  /** When the call must be done: a Date, or milliseconds since the epoch. Past it: DEADLINE_EXCEEDED. */
  readonly deadline?: Date | number;
  /** The same as `deadline`, counted from now. */
  readonly timeoutMs?: number;
}

/** A response whose `info` the service always sets (protobuf would allow null). */
type WithInfo<Response extends { info: ImageInfo__Output | null }> = Omit<Response, "info"> & { info: ImageInfo__Output };

/** The encoded image and what it is. */
export type TransformResult = WithInfo<TransformResponse__Output>;

/** What an image is: format, displayed size, orientation, colour space, dominant colour. */
export type InfoResult = WithInfo<InfoResponse__Output>;

export interface ImageClient {
  /**
   * Decodes `request.image`, applies `request.operations` in order, encodes as `request.output` says.
   * Every request is checked against the proto before it is sent: a field
   * the proto lacks (`widht`, or `without_enlargement` for
   * `withoutEnlargement`), an enum name it does not define, or a misshapen
   * value (`width: -1`, `lossless: "false"`) rejects with INVALID_ARGUMENT
   * and a path (`operations[0].resize.fit: unknown value "FIT_BOGUS"; ...`)
   * instead of being silently dropped or zeroed on the wire. The same goes
   * for info(), transformStream() and variants() (whose first next() rejects).
   */
  transform(request: TransformRequest, options?: CallOptions): Promise<TransformResult>;
  /** Describes an image: format, displayed size, orientation, colour space, dominant colour. An InfoRequest is checked as transform() says. */
  info(request: InfoRequest | Uint8Array, options?: CallOptions): Promise<InfoResult>;
  /**
   * Transform for results of any size, with progress: yields progress events,
   * then the result's info, then the image in chunks (see collectImage).
   * The call starts when iteration does; leaving the loop early cancels it.
   * A request that does not fit the proto fails the first next() with
   * INVALID_ARGUMENT, as transform() says, and never reaches the service.
   */
  transformStream(request: TransformStreamRequest, options?: CallOptions): AsyncGenerator<TransformStreamResponse__Output>;
  /**
   * Many outputs from one source: yields each variant as soon as the
   * service has encoded it, in the order they finish. A variant that failed
   * has `error` set; the others still arrive. A request that does not fit
   * the proto fails the first next() with INVALID_ARGUMENT, as transform() says.
   */
  variants(request: VariantsRequest, options?: CallOptions): AsyncGenerator<VariantsResponse__Output>;
  /**
   * The image service's health, from the standard grpc.health.v1 service:
   * "SERVING" while it takes work, "NOT_SERVING" once it is shutting down.
   */
  health(options?: CallOptions): Promise<ServingStatus>;
  /** Closes the channel once the calls in flight are done; later calls fail with UNAVAILABLE. */
  close(): void;
  /** The underlying grpc-js client, for what this API does not cover. */
  readonly grpc: ImageServiceClient;
}

type UnaryMethod<Request, Response> = (
  request: Request,
  options: GrpcCallOptions,
  callback: (error: ServiceError | null, response?: Response) => void,
) => ClientUnaryCall;

function deadlineOf(options: CallOptions): GrpcCallOptions {
  if (options.deadline !== undefined && options.timeoutMs !== undefined) {
    throw new TypeError("give either deadline or timeoutMs, not both");
  }
  if (options.timeoutMs !== undefined) return { deadline: Date.now() + options.timeoutMs };
  return options.deadline !== undefined ? { deadline: options.deadline } : {};
}

/** The same options with `timeoutMs` turned into a deadline, so that a resumed stream keeps the caller's time budget. */
function fixedDeadline(options: CallOptions): CallOptions {
  deadlineOf(options);
  return options.timeoutMs === undefined ? options : { signal: options.signal, deadline: Date.now() + options.timeoutMs };
}

function cancelledBy(signal: AbortSignal): ImageServiceError {
  return new ImageServiceError(status.CANCELLED, "the call was aborted by its AbortSignal", { cause: signal.reason });
}

function withInfo<Response extends { info: ImageInfo__Output | null }>(response: Response): WithInfo<Response> {
  if (!response.info) {
    throw new ImageServiceError(status.INTERNAL, "the server's response has no info: is this a pixelrpc image service?");
  }
  return response as WithInfo<Response>;
}

/** Turns a grpc-js callback method into a promise that honours AbortSignal and deadlines. */
function call<Request, Response>(method: UnaryMethod<Request, Response>, request: Request, options: CallOptions): Promise<Response> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(cancelledBy(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      reject(cancelledBy(signal!));
      pending.cancel();
    };
    let pending: ClientUnaryCall;
    try {
      pending = method(request, deadlineOf(options), (error, response) => {
        signal?.removeEventListener("abort", onAbort);
        if (error) reject(ImageServiceError.fromServiceError(error));
        else resolve(response!);
      });
    } catch (error) {
      // grpc-js throws at once on a closed channel instead of failing the call.
      if (error instanceof TypeError) throw error;
      reject(
        new ImageServiceError(status.UNAVAILABLE, `the call could not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error }),
      );
      return;
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Refuses a request that grpc-js would silently reshape (protobufjs's
 * fromObject zeroes unknown enum names and drops unknown fields) as
 * INVALID_ARGUMENT, the status the service would answer a bad value with.
 */
function checkRequest(typeName: string, request: unknown): void {
  try {
    checkMessage(typeName, request);
  } catch (error) {
    if (error instanceof MessageShapeError) throw new ImageServiceError(status.INVALID_ARGUMENT, error.message, { cause: error });
    throw error;
  }
}

/** The stream `open()` returns, once `request` is checked: a bad request fails the first next(), as a failed call would. */
async function* checkedStream<Response>(typeName: string, request: unknown, open: () => AsyncGenerator<Response>): AsyncGenerator<Response> {
  checkRequest(typeName, request);
  yield* open();
}

type StreamMethod<Request, Response> = (request: Request, options: GrpcCallOptions) => ClientReadableStream<Response>;

const isServiceError = (error: unknown): error is ServiceError =>
  error instanceof Error && typeof (error as Partial<ServiceError>).code === "number" && "details" in error;

/** Turns a grpc-js server stream into an async generator that honours AbortSignal and deadlines. */
async function* stream<Request, Response>(method: StreamMethod<Request, Response>, request: Request, options: CallOptions): AsyncGenerator<Response> {
  const { signal } = options;
  if (signal?.aborted) throw cancelledBy(signal);
  let call: ClientReadableStream<Response>;
  try {
    call = method(request, deadlineOf(options));
  } catch (error) {
    if (error instanceof TypeError) throw error;
    throw new ImageServiceError(status.UNAVAILABLE, `the call could not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const onAbort = (): void => call.cancel();
  signal?.addEventListener("abort", onAbort, { once: true });
  let finished = false;
  try {
    for await (const message of call) yield message as Response;
    finished = true;
  } catch (error) {
    if (signal?.aborted) throw cancelledBy(signal);
    throw isServiceError(error) ? ImageServiceError.fromServiceError(error) : error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // The caller left the loop early: the service should stop working on it.
    if (!finished) call.cancel();
  }
}

/**
 * Connects to an image service at `target`: "host:port", several replicas
 * ("ipv4:10.0.0.1:50051,10.0.0.2:50051"), a name with many records
 * ("dns:///images.internal:50051"), or any other grpc-js target. Calls are
 * spread over the replicas (round_robin) and retried on another when one
 * answers UNAVAILABLE. Connections are made on the first call and reused;
 * call `close()` when done.
 */
export function createImageClient(target: string, options: ImageClientOptions = {}): ImageClient {
  const { ImageService } = loadImageServiceGrpcObject().pixelrpc.image.v1;
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (options.tls && options.credentials) throw new TypeError("give either tls or credentials, not both");
  const secure = options.tls ? tlsChannel(options.tls) : undefined;
  const channelCredentials = secure?.credentials ?? options.credentials ?? grpcCredentials.createInsecure();
  const channelOptions = {
    "grpc.max_receive_message_length": maxMessageBytes,
    "grpc.max_send_message_length": maxMessageBytes,
    "grpc-node.flow_control_window": FLOW_CONTROL_WINDOW_BYTES,
    ...replicaChannelOptions(options, maxMessageBytes),
    ...secure?.channelOptions,
    ...options.channelOptions,
  };
  const grpc = new ImageService(target, channelCredentials, channelOptions);
  const health = createHealthStub(target, channelCredentials, channelOptions);
  return {
    grpc,
    transform: async (request, callOptions = {}) => {
      checkRequest("pixelrpc.image.v1.TransformRequest", request);
      return withInfo(await call<TransformRequest, TransformResponse__Output>(grpc.transform.bind(grpc), request, callOptions));
    },
    info: async (request, callOptions = {}) => {
      // Bytes alone cannot be misshapen: a Uint8Array is all InfoRequest.image takes.
      if (!(request instanceof Uint8Array)) checkRequest("pixelrpc.image.v1.InfoRequest", request);
      return withInfo(
        await call<InfoRequest, InfoResponse__Output>(grpc.info.bind(grpc), request instanceof Uint8Array ? { image: request } : request, callOptions),
      );
    },
    transformStream: (request, callOptions = {}) => {
      const options = fixedDeadline(callOptions);
      const open = (next: TransformStreamRequest) =>
        stream<TransformStreamRequest, TransformStreamResponse__Output>(grpc.transformStream.bind(grpc), next, options);
      return checkedStream("pixelrpc.image.v1.TransformStreamRequest", request, () =>
        resumable(open, request, transformResumption(request), maxAttempts, options.signal),
      );
    },
    variants: (request, callOptions = {}) => {
      const options = fixedDeadline(callOptions);
      const open = (next: VariantsRequest) => stream<VariantsRequest, VariantsResponse__Output>(grpc.variants.bind(grpc), next, options);
      return checkedStream("pixelrpc.image.v1.VariantsRequest", request, () =>
        resumable(open, request, variantsResumption(request), maxAttempts, options.signal),
      );
    },
    health: async (callOptions = {}) => {
      const response = await call<{ service: string }, { status: ServingStatus }>(
        health.check.bind(health) as never,
        { service: imageServiceName },
        callOptions,
      );
      return response.status;
    },
    close: () => {
      grpc.close();
      health.close();
    },
  };
}

/** Progress of a TransformStream, as collectImage reports it. */
export type TransformProgress = NonNullable<TransformStreamResponse__Output["progress"]>;

/** A TransformStream once its info has come: the info, and the image's chunks still to come. */
export interface StreamedImage {
  readonly info: ImageInfo__Output;
  /** The image's chunks as they arrive; ends with DATA_LOSS if they do not add up to `info.sizeBytes`. */
  readonly chunks: AsyncIterable<Buffer>;
  /** Leaves the stream before its chunks, which cancels the call. */
  cancel(): Promise<void>;
}

/**
 * Reads a TransformStream up to its info, calling `onProgress` for each
 * progress event on the way, and hands over the chunks that follow, their
 * byte count checked against the size the info announced (the stream's
 * contract, in the proto). What every reader of a TransformStream goes
 * through: collectImage, and a reply that streams the image on.
 */
export async function streamImage(
  events: AsyncIterable<TransformStreamResponse__Output>,
  onProgress?: (progress: TransformProgress) => void,
): Promise<StreamedImage> {
  const iterator = events[Symbol.asyncIterator]();
  let next = await iterator.next();
  for (; !next.done && !next.value.info; next = await iterator.next()) {
    if (next.value.progress) onProgress?.(next.value.progress);
    else if (next.value.chunk) throw new ImageServiceError(status.INTERNAL, "the stream sent image bytes before their info: is this a pixelrpc image service?");
  }
  if (next.done) throw new ImageServiceError(status.INTERNAL, "the stream ended without info: is this a pixelrpc image service?");
  const info = next.value.info!;
  async function* chunks(): AsyncGenerator<Buffer> {
    let received = 0;
    for (let event = await iterator.next(); !event.done; event = await iterator.next()) {
      if (!event.value.chunk) continue;
      received += event.value.chunk.byteLength;
      yield event.value.chunk;
    }
    if (received !== info.sizeBytes) {
      throw new ImageServiceError(status.DATA_LOSS, `the stream carried ${received} bytes where info announced ${info.sizeBytes}`);
    }
  }
  return { info, chunks: chunks(), cancel: async () => void (await iterator.return?.()) };
}

/** Collects a TransformStream into one Buffer with its info, calling `onProgress` for each progress event on the way. */
export async function collectImage(
  events: AsyncIterable<TransformStreamResponse__Output>,
  onProgress?: (progress: TransformProgress) => void,
): Promise<TransformResult> {
  const { info, chunks } = await streamImage(events, onProgress);
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return { image: Buffer.concat(parts), info };
}
