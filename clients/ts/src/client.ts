import {
  credentials as grpcCredentials,
  status,
  type CallOptions as GrpcCallOptions,
  type ChannelCredentials,
  type ChannelOptions,
  type ClientUnaryCall,
  type ServiceError,
} from "@grpc/grpc-js";
import {
  loadImageServiceGrpcObject,
  type ImageServiceClient,
  type InfoRequest,
  type InfoResponse__Output,
  type TransformRequest,
  type TransformResponse__Output,
} from "@pixelrpc/proto";

import { ImageServiceError } from "./errors.js";

/** The image service's default message limit; raise both sides together. */
export const DEFAULT_MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

export interface ImageClientOptions {
  /** Default: plaintext (`grpc.credentials.createInsecure()`). */
  readonly credentials?: ChannelCredentials;
  /** Largest message sent or received, in bytes. Default 32 MiB, as the service. */
  readonly maxMessageBytes?: number;
  /** Any other grpc-js channel option (keepalive, load balancing, ...). */
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

export interface ImageClient {
  /** Decodes `request.image`, applies `request.operations` in order, encodes as `request.output` says. */
  transform(request: TransformRequest, options?: CallOptions): Promise<TransformResponse__Output>;
  /** Describes an image: format, displayed size, orientation, colour space, dominant colour. */
  info(request: InfoRequest | Uint8Array, options?: CallOptions): Promise<InfoResponse__Output>;
  /** Closes the channel; calls in flight fail with CANCELLED or UNAVAILABLE. */
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

function cancelledBy(signal: AbortSignal): ImageServiceError {
  return new ImageServiceError(status.CANCELLED, "the call was aborted by its AbortSignal", { cause: signal.reason });
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
    const pending = method(request, deadlineOf(options), (error, response) => {
      signal?.removeEventListener("abort", onAbort);
      if (error) reject(ImageServiceError.fromServiceError(error));
      else resolve(response!);
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Connects to an image service at `target` ("host:port", or any grpc-js
 * target such as "dns:///images.internal:50051"). The connection is made on
 * the first call and reused; call `close()` when done.
 */
export function createImageClient(target: string, options: ImageClientOptions = {}): ImageClient {
  const { ImageService } = loadImageServiceGrpcObject().pixelrpc.image.v1;
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const grpc = new ImageService(target, options.credentials ?? grpcCredentials.createInsecure(), {
    "grpc.max_receive_message_length": maxMessageBytes,
    "grpc.max_send_message_length": maxMessageBytes,
    ...options.channelOptions,
  });
  return {
    grpc,
    transform: (request, callOptions = {}) => call(grpc.transform.bind(grpc), request, callOptions),
    info: (request, callOptions = {}) =>
      call(grpc.info.bind(grpc), request instanceof Uint8Array ? { image: request } : request, callOptions),
    close: () => grpc.close(),
  };
}
