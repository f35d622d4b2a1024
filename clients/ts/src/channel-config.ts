import type { ChannelOptions } from "@grpc/grpc-js";
import { imageServiceName } from "@pixelrpc/proto";

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

export const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * The gRPC service config every client gets: round_robin over whatever the
 * target resolves to (several addresses in an `ipv4:` target, every record
 * of a `dns:///` name, a Kubernetes headless service), and retries of
 * UNAVAILABLE. grpc-js retries only calls that have received nothing yet,
 * which for a server stream means before its first message.
 */
export function replicaChannelOptions(options: ReplicaOptions, maxMessageBytes: number): ChannelOptions {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 5) {
    throw new TypeError(`maxAttempts must be a whole number from 1 to 5 (gRPC caps retries at 5), got ${maxAttempts}`);
  }
  const retryPolicy = {
    maxAttempts,
    initialBackoff: "0.05s",
    maxBackoff: "1s",
    backoffMultiplier: 2,
    retryableStatusCodes: ["UNAVAILABLE"],
  };
  const serviceConfig = {
    loadBalancingConfig: [{ round_robin: {} }],
    methodConfig: maxAttempts > 1 ? [{ name: [{ service: imageServiceName }, { service: "grpc.health.v1.Health" }], retryPolicy }] : [],
  };
  return {
    "grpc.service_config": JSON.stringify(serviceConfig),
    // A retry resends the request, so grpc-js must keep it: an image can be as large as a message.
    "grpc.per_rpc_retry_buffer_size": maxMessageBytes,
    "grpc.retry_buffer_size": Math.max(4 * maxMessageBytes, 1 << 24),
    // A replica that vanished without closing its connections (a partition, a
    // frozen host) is noticed within about 30 s instead of at the OS's TCP timeout.
    "grpc.keepalive_time_ms": 20_000,
    "grpc.keepalive_timeout_ms": 10_000,
  };
}
