/**
 * The conventions on the wire that go with the contract: the service sets
 * them, and the clients and the gateway read or match them. They live here,
 * beside the proto, so that the two sides cannot drift apart.
 */

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
