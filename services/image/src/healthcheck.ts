#!/usr/bin/env node
/**
 * Exits 0 when the image service in this container answers its gRPC health
 * check with SERVING, 1 otherwise: for Docker's HEALTHCHECK and other
 * supervisors that cannot speak gRPC. (Kubernetes probes gRPC natively.)
 */
import { credentials, loadPackageDefinition, type GrpcObject, type ServiceClientConstructor, type ServiceError } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { imageServiceName } from "@pixelrpc/proto";
import { protoPath } from "grpc-health-check";

import { configDefaults } from "./process/config.js";

const TIMEOUT_MS = 3000;

// The service may listen on every interface; the probe asks it on loopback.
const listen = process.env.IMAGE_GRPC_ADDR?.trim() || configDefaults.IMAGE_GRPC_ADDR;
const target = listen.replace(/^(0\.0\.0\.0|\[::\]):/, "127.0.0.1:");

const health = (loadPackageDefinition(loadSync(protoPath, { enums: String })).grpc as GrpcObject).health as GrpcObject;
const Health = (health.v1 as GrpcObject).Health as ServiceClientConstructor;
const client = new Health(target, credentials.createInsecure()) as unknown as {
  check(request: { service: string }, options: { deadline: number }, callback: (error: ServiceError | null, response?: { status: string }) => void): void;
};

client.check({ service: imageServiceName }, { deadline: Date.now() + TIMEOUT_MS }, (error, response) => {
  const status = error ? `${error.code}: ${error.details}` : response!.status;
  if (status !== "SERVING") process.stderr.write(`image service at ${target} is not serving: ${status}\n`);
  process.exit(status === "SERVING" ? 0 : 1);
});
