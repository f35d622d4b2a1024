import type { ChannelOptions } from "@grpc/grpc-js";
import { CLIENT_KEEPALIVE, clientServiceConfig, DEFAULT_MAX_ATTEMPTS } from "@pixelrpc/proto";

/** How the client spreads calls over the image service's replicas and retries them. */
export interface ReplicaOptions {
  /**
   * Attempts per call, the first included, when a replica answers
   * UNAVAILABLE or drops the connection (it was killed, or is shutting
   * down): every ImageService call is idempotent, so another replica may
   * simply do it again. Default 3; 1 turns retries off.
   */
  readonly maxAttempts?: number;
}

export { DEFAULT_MAX_ATTEMPTS };

/** The channel options that carry the clients' shared service config (round_robin, retries of UNAVAILABLE) and keepalive. */
export function replicaChannelOptions(options: ReplicaOptions, maxMessageBytes: number): ChannelOptions {
  return {
    "grpc.service_config": JSON.stringify(clientServiceConfig(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)),
    // A retry resends the request, so grpc-js must keep it: an image can be as large as a message.
    "grpc.per_rpc_retry_buffer_size": maxMessageBytes,
    "grpc.retry_buffer_size": Math.max(4 * maxMessageBytes, 1 << 24),
    "grpc.keepalive_time_ms": CLIENT_KEEPALIVE.timeMs,
    "grpc.keepalive_timeout_ms": CLIENT_KEEPALIVE.timeoutMs,
  };
}
