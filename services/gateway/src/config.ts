import { DEFAULT_MAX_MESSAGE_BYTES, type TlsOptions } from "@pixelrpc/client";

import { Environment, type Env, type HostPort } from "@pixelrpc/service-runtime";

import { imageServiceTls } from "./image-service-tls.js";

/** The gateway's settings, read once from the environment at start-up. */
export interface GatewayConfig {
  readonly httpHost: string;
  readonly httpPort: number;
  /** Any grpc-js target: "localhost:50051", "dns:///images.internal:50051". */
  readonly imageServiceTarget: string;
  /** Bearer keys for /v1/*; empty means open (and loopback only). */
  readonly apiKeys: readonly string[];
  readonly maxBodyBytes: number;
  /** Each request's deadline, which becomes the gRPC deadline. */
  readonly requestTimeoutMs: number;
  /** A job's deadline: jobs may take longer than a request. */
  readonly jobTimeoutMs: number;
  /** How long a finished job and its results stay readable. */
  readonly jobTtlMs: number;
  readonly maxJobs: number;
  /** Result bytes the job store keeps in all. */
  readonly maxJobBytes: number;
  /** How long shutdown waits for the jobs this gateway runs before cancelling them. */
  readonly shutdownGraceMs: number;
  /** Where jobs live: this process's memory, or a Redis every gateway shares (redis:// or rediss:// URL). */
  readonly jobStore: "memory" | URL;
  /** TLS to the image service (PEM material read from the files named); plaintext when undefined. */
  readonly imageServiceTls: TlsOptions | undefined;
  /** HMAC keys that signed image URLs may be signed with; none turns GET /v1/images off. */
  readonly urlSigningKeys: readonly string[];
  /** Cache-Control max-age of signed image responses, in seconds. */
  readonly imageMaxAgeSeconds: number;
  /** How long a client may take to send a request's headers before it gets 408 and a closed connection. */
  readonly headersTimeoutMs: number;
  /** How long an upload may go without a byte before its connection is closed. */
  readonly bodyIdleTimeoutMs: number;
  /** Bytes the uploads still arriving may hold in all; past it new uploads get 503. */
  readonly receiveBudgetBytes: number;
  /** How long an idle keep-alive connection stays open. */
  readonly keepAliveTimeoutMs: number;
  /** Open connections at most; more are refused until some close. */
  readonly maxConnections: number;
  /** Requests a minute per API key (per client address where no key is needed); undefined: no limit. */
  readonly rateLimitPerMinute: number | undefined;
  /** Where Prometheus metrics are served; undefined: nowhere. */
  readonly metricsAddress: HostPort | undefined;
  /** Origins whose browser apps may call the gateway (CORS); empty: none. */
  readonly corsOrigins: readonly string[];
}

export const gatewayDefaults = {
  GATEWAY_HTTP_ADDR: "127.0.0.1:8080",
  IMAGE_SERVICE_TARGET: "localhost:50051",
  GATEWAY_API_KEYS: "",
  // An upload travels to the image service as one message: the same size as its default limit.
  GATEWAY_MAX_BODY_BYTES: String(DEFAULT_MAX_MESSAGE_BYTES),
  GATEWAY_REQUEST_TIMEOUT_MS: String(30_000),
  GATEWAY_JOB_TIMEOUT_MS: String(300_000),
  GATEWAY_JOB_TTL_MS: String(3_600_000),
  GATEWAY_MAX_JOBS: String(1000),
  GATEWAY_MAX_JOB_BYTES: String(512 * 1024 * 1024),
  GATEWAY_JOB_STORE: "memory",
  GATEWAY_SHUTDOWN_GRACE_MS: String(10_000),
  GATEWAY_URL_SIGNING_KEYS: "",
  GATEWAY_IMAGE_MAX_AGE_S: String(86_400),
  GATEWAY_HEADERS_TIMEOUT_MS: String(10_000),
  GATEWAY_BODY_IDLE_TIMEOUT_MS: String(10_000),
  // With the deployment's 768 MiB limit: the bodies being received, then copied once into each call.
  GATEWAY_RECEIVE_BUDGET_BYTES: String(256 * 1024 * 1024),
  GATEWAY_KEEP_ALIVE_TIMEOUT_MS: String(5_000),
  GATEWAY_MAX_CONNECTIONS: String(1024),
  GATEWAY_RATE_LIMIT: "0",
  GATEWAY_METRICS_ADDR: "",
  GATEWAY_CORS_ORIGINS: "",
  IMAGE_SERVICE_TLS: "0",
  IMAGE_SERVICE_TLS_CA: "",
  IMAGE_SERVICE_TLS_CERT: "",
  IMAGE_SERVICE_TLS_KEY: "",
  IMAGE_SERVICE_TLS_SERVER_NAME: "",
} as const;

type Variable = keyof typeof gatewayDefaults;

/** Signing keys shorter than this are guessable enough to forge URLs offline. */
const MIN_SIGNING_KEY_LENGTH = 32;

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|\[::1\]|::1|localhost)$/;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** An origin as browsers send it: scheme, host and port only, as the URL standard serialises it. */
function corsOrigins(env: Environment<Variable>): string[] {
  const origins = env.list("GATEWAY_CORS_ORIGINS");
  for (const origin of origins) {
    const url = URL.canParse(origin) ? new URL(origin) : undefined;
    if (!url || !["http:", "https:"].includes(url.protocol) || url.origin !== origin) {
      env.problem(
        `GATEWAY_CORS_ORIGINS must list origins such as https://app.example.com (scheme, host, port; no path or trailing slash), got ${JSON.stringify(origin)}`,
      );
    }
  }
  return origins;
}

function jobStore(env: Environment<Variable>): "memory" | URL {
  const raw = env.text("GATEWAY_JOB_STORE");
  if (raw === "memory") return raw;
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (url && (url.protocol === "redis:" || url.protocol === "rediss:")) return url;
  env.problem(`GATEWAY_JOB_STORE must be "memory" or a redis:// or rediss:// URL, got ${JSON.stringify(raw.replace(/\/\/[^@/]*@/, "//***@"))}`);
  return "memory";
}

/** Parses and validates the environment; throws one ConfigError naming every bad variable. */
export function loadGatewayConfig(variables: Env = process.env): GatewayConfig {
  const env = new Environment<Variable>(variables, gatewayDefaults);
  const address = env.text("GATEWAY_HTTP_ADDR");
  const http = env.address("GATEWAY_HTTP_ADDR", "host:port (port 0 picks a free one)");
  const metricsAddress = env.address("GATEWAY_METRICS_ADDR", "host:port or empty (off)", true);

  const apiKeys = env.list("GATEWAY_API_KEYS");
  const urlSigningKeys = env.list("GATEWAY_URL_SIGNING_KEYS");
  if (urlSigningKeys.some((key) => key.length < MIN_SIGNING_KEY_LENGTH)) {
    env.problem(`GATEWAY_URL_SIGNING_KEYS must hold keys of at least ${MIN_SIGNING_KEY_LENGTH} characters each (openssl rand -hex 32 makes one)`);
  }
  if (apiKeys.some((key) => key.length < 16)) env.problem("GATEWAY_API_KEYS must hold keys of at least 16 characters each");
  if (http && apiKeys.length === 0 && !isLoopback(http.host)) {
    env.problem(`GATEWAY_HTTP_ADDR ${address} is not loopback: set GATEWAY_API_KEYS before exposing the gateway`);
  }

  const config: GatewayConfig = {
    httpHost: http?.host ?? "",
    httpPort: http?.port ?? -1,
    imageServiceTarget: env.text("IMAGE_SERVICE_TARGET"),
    apiKeys,
    maxBodyBytes: env.integer("GATEWAY_MAX_BODY_BYTES", 1024, 2 ** 31 - 1),
    requestTimeoutMs: env.integer("GATEWAY_REQUEST_TIMEOUT_MS", 100, 3_600_000),
    jobTimeoutMs: env.integer("GATEWAY_JOB_TIMEOUT_MS", 100, 86_400_000),
    jobTtlMs: env.integer("GATEWAY_JOB_TTL_MS", 1000, 604_800_000),
    maxJobs: env.integer("GATEWAY_MAX_JOBS", 1, 1_000_000),
    maxJobBytes: env.integer("GATEWAY_MAX_JOB_BYTES", 1024, 2 ** 40),
    shutdownGraceMs: env.integer("GATEWAY_SHUTDOWN_GRACE_MS", 0, 3_600_000),
    jobStore: jobStore(env),
    imageServiceTls: imageServiceTls(env),
    urlSigningKeys,
    imageMaxAgeSeconds: env.integer("GATEWAY_IMAGE_MAX_AGE_S", 0, 31_536_000),
    headersTimeoutMs: env.integer("GATEWAY_HEADERS_TIMEOUT_MS", 100, 300_000),
    bodyIdleTimeoutMs: env.integer("GATEWAY_BODY_IDLE_TIMEOUT_MS", 100, 300_000),
    receiveBudgetBytes: env.integer("GATEWAY_RECEIVE_BUDGET_BYTES", 1024, 2 ** 40),
    keepAliveTimeoutMs: env.integer("GATEWAY_KEEP_ALIVE_TIMEOUT_MS", 100, 300_000),
    maxConnections: env.integer("GATEWAY_MAX_CONNECTIONS", 1, 1_000_000),
    rateLimitPerMinute: env.integer("GATEWAY_RATE_LIMIT", 0, 1_000_000) || undefined,
    metricsAddress,
    corsOrigins: corsOrigins(env),
  };
  if (config.receiveBudgetBytes < config.maxBodyBytes) {
    env.problem(
      `GATEWAY_RECEIVE_BUDGET_BYTES (${config.receiveBudgetBytes}) must be at least GATEWAY_MAX_BODY_BYTES (${config.maxBodyBytes}), or no upload of the largest size could start`,
    );
  }
  return env.done(config);
}
