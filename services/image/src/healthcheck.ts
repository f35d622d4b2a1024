#!/usr/bin/env node
/**
 * Exits 0 when the image service in this container answers its gRPC health
 * check with SERVING, 1 otherwise: for Docker's HEALTHCHECK and other
 * supervisors that cannot speak gRPC. (Kubernetes probes gRPC natively.)
 * It reads the service's own configuration, so it asks the port the way
 * callers reach it: plaintext, TLS, or mutual TLS with a client certificate.
 */
import { credentials, loadPackageDefinition, type ChannelCredentials, type GrpcObject, type ServiceClientConstructor, type ServiceError } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { imageServiceName } from "@pixelrpc/proto";
import { protoPath } from "grpc-health-check";

import { loadConfig, type ServerTls } from "./process/config.js";

const TIMEOUT_MS = 3000;

function fail(text: string): never {
  process.stderr.write(`${text}\n`);
  process.exit(1);
}

/**
 * The probe's credentials for the port as the service serves it. It does not
 * verify the server's certificate: it asks this container's own process over
 * loopback, sends nothing secret, and the certificate names the service's
 * public host rather than 127.0.0.1.
 */
function probeCredentials(tls: ServerTls | undefined): ChannelCredentials {
  if (!tls) return credentials.createInsecure();
  const identity = tls.clientCa ? (tls.healthcheck ?? { cert: tls.cert, key: tls.key }) : undefined;
  return credentials.createSsl(null, identity?.key ?? null, identity?.cert ?? null, { rejectUnauthorized: false });
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  fail(`image service health check: ${(error as Error).message}`);
}

// The service may listen on every interface; the probe asks it on loopback.
const target = config.grpcAddress.replace(/^(0\.0\.0\.0|\[::\]):/, "127.0.0.1:");

const health = (loadPackageDefinition(loadSync(protoPath, { enums: String })).grpc as GrpcObject).health as GrpcObject;
const Health = (health.v1 as GrpcObject).Health as ServiceClientConstructor;
const client = new Health(target, probeCredentials(config.tls)) as unknown as {
  check(request: { service: string }, options: { deadline: number }, callback: (error: ServiceError | null, response?: { status: string }) => void): void;
};

client.check({ service: imageServiceName }, { deadline: Date.now() + TIMEOUT_MS }, (error, response) => {
  const status = error ? `${error.code}: ${error.details}` : response!.status;
  if (status === "SERVING") process.exit(0);
  // A mutual-TLS port that refuses the service's own certificate as a client's needs one made for the purpose.
  const hint =
    error && config.tls?.clientCa && !config.tls.healthcheck
      ? " (the check presented IMAGE_TLS_CERT as its client certificate: if the port refuses it, set IMAGE_HEALTHCHECK_TLS_CERT and IMAGE_HEALTHCHECK_TLS_KEY to one from IMAGE_TLS_CLIENT_CA)"
      : "";
  fail(`image service at ${target} is not serving: ${status}${hint}`);
});
