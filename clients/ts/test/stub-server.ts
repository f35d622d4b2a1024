/**
 * A real @grpc/grpc-js server on loopback that implements
 * `pixelrpc.image.v1.ImageService` with stub handlers each test sets, and
 * records every call it sees (request, deadline, whether it was cancelled).
 */
import {
  Metadata,
  Server,
  ServerCredentials,
  status,
  type Deadline,
  type ServerErrorResponse,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
} from "@grpc/grpc-js";
import {
  loadImageServiceGrpcObject,
  type ImageServiceHandlers,
  type InfoRequest__Output,
  type InfoResponse,
  type TransformRequest__Output,
  type TransformResponse,
  type TransformStreamRequest__Output,
  type TransformStreamResponse,
  type VariantsRequest__Output,
  type VariantsResponse,
} from "@pixelrpc/proto";

/** One call as the server saw it. */
export interface SeenCall<Request> {
  readonly method: "Transform" | "Info" | "TransformStream" | "Variants";
  readonly request: Request;
  readonly metadata: Metadata;
  readonly deadline: Deadline;
  /**
   * Aborted when grpc-js emits 'cancelled' on the server call. grpc-js 1.14
   * emits it whenever the HTTP/2 stream closes, including after a normal
   * reply, so a test that wants to see a real cancellation must see it
   * before the handler would have replied.
   */
  readonly cancelled: AbortSignal;
  /** Resolves when 'cancelled' fires. */
  readonly whenCancelled: Promise<void>;
}

/** Throw (or reject with) this from a behaviour to end the call with a status. */
export class StubFailure extends Error {
  constructor(
    readonly code: status,
    readonly details: string,
    readonly metadata: Metadata = new Metadata(),
  ) {
    super(details);
  }
}

/** What a handler does for one call: return (or resolve) the response, or throw a StubFailure. */
export type Behaviour<Request, Response> = (call: SeenCall<Request>) => Response | Promise<Response>;

/** What a streaming handler does: yield the messages to send, or throw a StubFailure to end with a status. */
export type StreamBehaviour<Request, Response> = (call: SeenCall<Request>) => AsyncIterable<Response> | Iterable<Response>;

type AnyRequest = TransformRequest__Output | InfoRequest__Output | TransformStreamRequest__Output | VariantsRequest__Output;

function toServiceError(error: unknown): ServerErrorResponse {
  return error instanceof StubFailure
    ? Object.assign(new Error(error.details), { code: error.code, details: error.details, metadata: error.metadata })
    : (error as ServerErrorResponse);
}

export interface StubServer {
  /** "127.0.0.1:<port>" */
  readonly address: string;
  /** Every call seen since the last reset(), in arrival order. */
  readonly calls: SeenCall<AnyRequest>[];
  transform: Behaviour<TransformRequest__Output, TransformResponse>;
  info: Behaviour<InfoRequest__Output, InfoResponse>;
  transformStream: StreamBehaviour<TransformStreamRequest__Output, TransformStreamResponse>;
  variants: StreamBehaviour<VariantsRequest__Output, VariantsResponse>;
  /** Resolves with the next call the server sees (or the oldest one not yet taken). */
  nextCall(timeoutMs?: number): Promise<SeenCall<AnyRequest>>;
  /** Forgets recorded calls and makes both handlers fail with UNIMPLEMENTED. */
  reset(): void;
  close(): Promise<void>;
}

const unexpected = (call: SeenCall<unknown>): never => {
  throw new StubFailure(status.UNIMPLEMENTED, `stub has no behaviour for ${call.method}`);
};

/** Resolves after `ms`, or as soon as `signal` aborts (so a cancelled handler does not hold a timer). */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    if (signal?.aborted) done();
    else signal?.addEventListener("abort", done, { once: true });
  });
}

export async function startStubServer(): Promise<StubServer> {
  const grpcObject = loadImageServiceGrpcObject();
  const server = new Server();
  const calls: SeenCall<AnyRequest>[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];

  const handlers: ImageServiceHandlers = {
    Transform: handle("Transform", () => stub.transform),
    Info: handle("Info", () => stub.info),
    TransformStream: handleStream("TransformStream", () => stub.transformStream),
    Variants: handleStream("Variants", () => stub.variants),
  };
  server.addService(grpcObject.pixelrpc.image.v1.ImageService.service, handlers);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, boundPort) => (error ? reject(error) : resolve(boundPort))),
  );

  const stub: StubServer = {
    address: `127.0.0.1:${port}`,
    calls,
    transform: unexpected,
    info: unexpected,
    transformStream: unexpected,
    variants: unexpected,
    nextCall(timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          reject(new Error(`the stub server saw no call within ${timeoutMs} ms`));
        }, timeoutMs);
        const tryTake = (): boolean => {
          const call = calls[taken];
          if (timedOut || !call) return false;
          taken += 1;
          clearTimeout(timer);
          resolve(call);
          return true;
        };
        const wait = (): void => {
          if (!tryTake() && !timedOut) waiters.push(wait);
        };
        if (!tryTake()) waiters.push(wait);
      });
    },
    reset() {
      calls.length = 0;
      taken = 0;
      stub.transform = unexpected;
      stub.info = unexpected;
      stub.transformStream = unexpected;
      stub.variants = unexpected;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Handlers stop at cancellation, so a graceful shutdown finishes quickly;
        // force it if some call is still open after a second.
        const force = setTimeout(() => server.forceShutdown(), 1_000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };

  /** Records a call as the server sees it. */
  function see<Request extends AnyRequest>(
    method: SeenCall<Request>["method"],
    serverCall: ServerUnaryCall<Request, unknown> | ServerWritableStream<Request, unknown>,
  ): SeenCall<Request> {
    const controller = new AbortController();
    let onCancelled!: () => void;
    const whenCancelled = new Promise<void>((resolve) => (onCancelled = resolve));
    serverCall.on("cancelled", () => {
      controller.abort();
      onCancelled();
    });
    const seen: SeenCall<Request> = {
      method,
      request: serverCall.request,
      metadata: serverCall.metadata,
      deadline: serverCall.getDeadline(),
      cancelled: controller.signal,
      whenCancelled,
    };
    calls.push(seen);
    for (const wake of waiters.splice(0)) wake();
    return seen;
  }

  function handleStream<Request extends AnyRequest, Response>(method: "TransformStream" | "Variants", behaviour: () => StreamBehaviour<Request, Response>) {
    return async (serverCall: ServerWritableStream<Request, Response>): Promise<void> => {
      const seen = see(method, serverCall);
      try {
        for await (const message of behaviour()(seen)) {
          if (seen.cancelled.aborted) return;
          serverCall.write(message);
        }
        serverCall.end();
      } catch (error) {
        if (!seen.cancelled.aborted) serverCall.emit("error", toServiceError(error));
      }
    };
  }

  function handle<Request extends TransformRequest__Output | InfoRequest__Output, Response>(
    method: "Transform" | "Info",
    behaviour: () => Behaviour<Request, Response>,
  ) {
    return (serverCall: ServerUnaryCall<Request, Response>, callback: sendUnaryData<Response>): void => {
      const seen = see(method, serverCall);
      Promise.resolve()
        .then(() => behaviour()(seen))
        .then(
          (response) => {
            if (!seen.cancelled.aborted) callback(null, response);
          },
          (error: unknown) => {
            if (seen.cancelled.aborted) return;
            callback(toServiceError(error));
          },
        );
    };
  }
  return stub;
}
