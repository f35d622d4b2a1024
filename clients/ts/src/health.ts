import { makeGenericClientConstructor, type ChannelCredentials, type ChannelOptions, type ServiceDefinition } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { protoPath } from "grpc-health-check";

/** grpc.health.v1 serving status: "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN" or "UNKNOWN". */
export type ServingStatus = "UNKNOWN" | "SERVING" | "NOT_SERVING" | "SERVICE_UNKNOWN";

interface HealthStub {
  check(
    request: { service: string },
    options: { deadline: Date | number },
    callback: (error: Error | null, response?: { status: ServingStatus }) => void,
  ): unknown;
  close(): void;
}

let Health: (new (target: string, credentials: ChannelCredentials, options: ChannelOptions) => HealthStub) | undefined;

/** A client of the standard grpc.health.v1.Health service on the same target as the image client. */
export function createHealthStub(target: string, credentials: ChannelCredentials, options: ChannelOptions): HealthStub {
  Health ??= makeGenericClientConstructor(
    loadSync(protoPath, { enums: String })["grpc.health.v1.Health"] as ServiceDefinition,
    "Health",
  ) as unknown as typeof Health;
  return new Health!(target, credentials, options);
}
