/**
 * The conventions on the wire that go with the contract: the service sets
 * them, and the clients and the gateway read or match them. They live here,
 * beside the proto, so that the two sides cannot drift apart.
 */

import { imageServiceName } from "./package-definition.js";

const KIB = 1024;
const MIB = 1024 * KIB;

/**
 * Trailing metadata key set to "true" on a RESOURCE_EXHAUSTED that is worth
 * retrying (the queue was full), as opposed to one that is not (the image
 * ran into a processing limit): callers and the gateway tell them apart by it.
 */
export const RETRYABLE_METADATA_KEY = "pixelrpc-retryable";

/**
 * gRPC's server pushback (gRFC A6): a negative value tells clients not to
 * retry the call on their own, on this replica or another.
 */
export const RETRY_PUSHBACK_METADATA_KEY = "grpc-retry-pushback-ms";

/** The largest message the service accepts and sends unless configured otherwise; raise both sides together. */
export const DEFAULT_MAX_MESSAGE_BYTES = 32 * MIB;

/**
 * The HTTP/2 receive window, per stream and per connection, that both sides
 * ask for: with HTTP/2's 64 KiB, an 810 KiB image would cross in 13 round
 * trips of WINDOW_UPDATE.
 */
export const FLOW_CONTROL_WINDOW_BYTES = 4 * MIB;

/**
 * The smallest chunk a TransformStream sends. The result is encoded whole
 * before its first chunk goes out, so smaller chunks lower neither latency
 * nor the service's memory: they only multiply the messages, each with its
 * own write, framing and allocation (one per byte at chunk_size 1). 16 KiB is
 * HTTP/2's default largest frame, and far below any gRPC stack's message limit.
 */
export const MIN_STREAM_CHUNK_BYTES = 16 * KIB;

/** Room kept in a message for everything but the image bytes (info, framing). */
export const MESSAGE_OVERHEAD_BYTES = KIB;

/** Attempts per call, the first included, that the clients make unless told otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** gRPC caps a retry policy's attempts at 5. */
export const MAX_ATTEMPTS_LIMIT = 5;

/**
 * HTTP/2 keepalive the clients ask for: a replica that vanished without
 * closing its connections (a partition, a frozen host) is noticed within
 * about 30 s instead of at the OS's TCP timeout.
 */
export const CLIENT_KEEPALIVE = { timeMs: 20_000, timeoutMs: 10_000 } as const;

/**
 * The gRPC service config every client uses (the TypeScript client, and the
 * Python one through its generated copy): round_robin over whatever the
 * target resolves to (several addresses in an `ipv4:` target, every record
 * of a `dns:///` name, a Kubernetes headless service), and retries of
 * UNAVAILABLE, which every ImageService call may safely take: each is
 * idempotent. gRPC retries only calls that have received nothing yet, which
 * for a server stream means before its first message.
 */
export function clientServiceConfig(maxAttempts: number): object {
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
    throw new TypeError(`maxAttempts must be a whole number from 1 to ${MAX_ATTEMPTS_LIMIT} (gRPC caps retries at ${MAX_ATTEMPTS_LIMIT}), got ${maxAttempts}`);
  }
  const retryPolicy = {
    maxAttempts,
    initialBackoff: "0.05s",
    maxBackoff: "1s",
    backoffMultiplier: 2,
    retryableStatusCodes: ["UNAVAILABLE"],
  };
  return {
    loadBalancingConfig: [{ round_robin: {} }],
    methodConfig: maxAttempts > 1 ? [{ name: [{ service: imageServiceName }, { service: "grpc.health.v1.Health" }], retryPolicy }] : [],
  };
}
