import { fileURLToPath } from "node:url";

import { DEFAULT_MAX_MESSAGE_BYTES, type TlsOptions } from "@pixelrpc/client";
import { AddressPolicy, AllowedUrls, parseNetworks } from "@pixelrpc/outbound";

import { defaultsOf, defineVariables, Environment, type Env, type HostPort } from "@pixelrpc/service-runtime";

import { imageServiceTls, imageServiceTlsVariables } from "./image-service-tls.js";
import { webhookKey } from "./webhooks/signature.js";

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
  /** Whether signed image URLs may name only a preset and the source, not operations of their own. */
  readonly presetsOnly: boolean;
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
  /** Where results are kept between requests, if anywhere. */
  readonly cache: CacheLocation;
  /** How long a cached result is served, in seconds. */
  readonly cacheTtlSeconds: number;
  /** Largest result the cache keeps, in bytes. */
  readonly cacheMaxEntryBytes: number;
  /** Bearer keys for the operators' routes (the cache purge); empty turns them off. */
  readonly adminKeys: readonly string[];
  /** Job webhooks; undefined: callback URLs are refused. */
  readonly webhooks: WebhookConfig | undefined;
}

export interface WebhookConfig {
  readonly allowed: AllowedUrls;
  readonly addresses: AddressPolicy;
  /** The keys of GATEWAY_WEBHOOK_SECRETS: each attempt is signed with all of them. */
  readonly keys: readonly Buffer[];
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  /** The wait after the first failed attempt; each later one is four times the last. */
  readonly retryMs: number;
}

/** GATEWAY_CACHE: off, a directory on this machine bounded in bytes, or a Redis several gateways share. */
export type CacheLocation =
  { readonly kind: "off" } | { readonly kind: "file"; readonly directory: string; readonly maxBytes: number } | { readonly kind: "redis"; readonly url: URL };

const MIB = 1024 * 1024;

/** Every variable the gateway reads: its kind, range, default and meaning (docs/configuration.md is made from this). */
export const gatewayVariables = defineVariables({
  GATEWAY_HTTP_ADDR: {
    kind: "address",
    default: "127.0.0.1:8080",
    form: "host:port (port 0 picks a free one)",
    meaning: "where the gateway listens; a host that is not loopback needs `GATEWAY_API_KEYS`",
  },
  IMAGE_SERVICE_TARGET: {
    kind: "text",
    default: "localhost:50051",
    form: "a grpc-js target",
    meaning: "the image service, as any grpc-js target (`dns:///images.internal:50051` balances over every address the name has)",
  },
  GATEWAY_API_KEYS: {
    kind: "list",
    form: "keys of at least 16 characters",
    shownDefault: "empty: open, loopback only",
    meaning: "the bearer keys `/v1` accepts; without any, the gateway is open and refuses to listen beyond loopback",
  },
  GATEWAY_MAX_BODY_BYTES: {
    kind: "integer",
    min: 1024,
    max: 2 ** 31 - 1,
    // An upload travels to the image service as one message: the same size as its default limit.
    default: DEFAULT_MAX_MESSAGE_BYTES,
    unit: "bytes",
    meaning: "largest request body; larger gets 413",
  },
  GATEWAY_REQUEST_TIMEOUT_MS: {
    kind: "integer",
    min: 100,
    max: 3_600_000,
    default: 30_000,
    unit: "milliseconds",
    meaning: "each request's deadline, passed on as the gRPC deadline; past it, 504",
  },
  GATEWAY_JOB_TIMEOUT_MS: {
    kind: "integer",
    min: 100,
    max: 86_400_000,
    default: 300_000,
    unit: "milliseconds",
    meaning: "each job's deadline: jobs may take longer than a request",
  },
  GATEWAY_JOB_TTL_MS: {
    kind: "integer",
    min: 1000,
    max: 604_800_000,
    default: 3_600_000,
    unit: "milliseconds",
    meaning: "how long a finished job and its results stay readable",
  },
  GATEWAY_MAX_JOBS: { kind: "integer", min: 1, max: 1_000_000, default: 1000, meaning: "jobs the job store keeps; past it, new jobs get 429" },
  GATEWAY_MAX_JOB_BYTES: {
    kind: "integer",
    min: 1024,
    max: 2 ** 40,
    default: 512 * MIB,
    unit: "bytes",
    meaning: "result bytes the job store keeps; past it, new jobs get 429",
  },
  GATEWAY_JOB_STORE: {
    kind: "text",
    default: "memory",
    form: "`memory`, or a `redis://` or `rediss://` URL",
    meaning:
      "where jobs live: `memory` (this gateway's own), or a Redis that every gateway shares: a job started through one can be read, followed over SSE, fetched and cancelled through any other. The job limits then count the shared totals",
  },
  GATEWAY_SHUTDOWN_GRACE_MS: {
    kind: "integer",
    min: 0,
    max: 3_600_000,
    default: 10_000,
    unit: "milliseconds",
    meaning: "on SIGTERM, how long the gateway waits for the jobs it runs before cancelling them, so that none is left running in a shared store",
  },
  GATEWAY_URL_SIGNING_KEYS: {
    kind: "list",
    form: "keys of at least 32 characters",
    shownDefault: "empty: signed URLs off",
    meaning: "HMAC keys for `GET /v1/images` and signed job links (`openssl rand -hex 32` makes one); the first signs, any of them is accepted, for rotation",
  },
  GATEWAY_IMAGE_MAX_AGE_S: {
    kind: "integer",
    min: 0,
    max: 31_536_000,
    default: 86_400,
    unit: "seconds",
    meaning: "`Cache-Control: max-age` of signed image responses (capped at the URL's `exp`)",
  },
  GATEWAY_PRESETS_ONLY: {
    kind: "flag",
    default: false,
    meaning:
      "`1`: `GET /v1/images` takes `url`, `preset`, `exp` and `sig` only, so a signed URL asks for one of the image service's presets (`IMAGE_PRESETS_FILE`) and nothing else; any other parameter is 400. The API routes are not affected",
  },
  GATEWAY_HEADERS_TIMEOUT_MS: {
    kind: "integer",
    min: 100,
    max: 300_000,
    default: 10_000,
    unit: "milliseconds",
    meaning: "longest a client may take to send a request's headers; past it, 408 and the connection is closed",
  },
  GATEWAY_BODY_IDLE_TIMEOUT_MS: {
    kind: "integer",
    min: 100,
    max: 300_000,
    default: 10_000,
    unit: "milliseconds",
    meaning:
      "longest an upload may go without a byte; past it the connection is closed and what arrived is released. The clock restarts with every byte, so a slow but steady upload of a large image succeeds",
  },
  GATEWAY_RECEIVE_BUDGET_BYTES: {
    kind: "integer",
    min: 1024,
    max: 2 ** 40,
    // With the deployment's 768 MiB limit: the bodies being received, then copied once into each call.
    default: 256 * MIB,
    unit: "bytes",
    meaning:
      "bytes the uploads still arriving may hold in all (each counted at its announced length, a chunked one at `GATEWAY_MAX_BODY_BYTES`; at least that much); past it a new upload gets 503 `Gateway busy receiving` with `Retry-After: 1`",
  },
  GATEWAY_KEEP_ALIVE_TIMEOUT_MS: {
    kind: "integer",
    min: 100,
    max: 300_000,
    default: 5_000,
    unit: "milliseconds",
    meaning: "how long an idle keep-alive connection stays open",
  },
  GATEWAY_MAX_CONNECTIONS: { kind: "integer", min: 1, max: 1_000_000, default: 1024, meaning: "open connections at most; more are refused until some close" },
  GATEWAY_RATE_LIMIT: {
    kind: "integer",
    min: 0,
    max: 1_000_000,
    default: 0,
    shownDefault: "`0`: off",
    meaning:
      "requests a minute per API key (per client address where no key is needed: signed image URLs, or an open gateway; per job for signed job links), over every `/v1` route; past it, 429 with `Retry-After` and the `RateLimit-Limit`/`-Remaining`/`-Reset` headers (IETF draft). With a Redis `GATEWAY_JOB_STORE`, every gateway shares each budget there; a Redis that fails lets requests through rather than failing them",
  },
  GATEWAY_METRICS_ADDR: {
    kind: "address",
    default: "",
    form: "host:port or empty (off)",
    optional: true,
    shownDefault: "empty: no metrics",
    meaning:
      "where a listener serves Prometheus metrics at `GET /metrics` (port 0 picks a free one, logged as `metricsAddress`). Plain HTTP and unauthenticated: keep it on loopback or a private interface",
  },
  GATEWAY_CORS_ORIGINS: {
    kind: "list",
    form: "origins",
    shownDefault: "empty: no CORS",
    meaning:
      "origins (`https://app.example.com,http://localhost:5173`) whose pages may call the gateway; see [Browsers](gateway.md#browsers-cors-and-signed-job-links)",
  },
  GATEWAY_CACHE: {
    kind: "text",
    default: "off",
    form: "`off`, `file:///path?max_bytes=N`, or a `redis://` or `rediss://` URL",
    meaning:
      "where `GET /v1/images` and `POST /v1/transform` keep their results, with single-flight (see [Result cache](gateway.md#result-cache)): `off`; a directory on this machine, bounded by `max_bytes` (default 1 GiB; least recently used first) and surviving restarts; or a Redis that several gateways share, bounded by its own `maxmemory` (give it `maxmemory-policy allkeys-lru`, and not the job store's Redis, whose jobs must not be evicted)",
  },
  GATEWAY_CACHE_TTL_S: {
    kind: "integer",
    min: 1,
    max: 31_536_000,
    default: 86_400,
    unit: "seconds",
    meaning: "how long a cached result is served before it is made again",
  },
  GATEWAY_CACHE_MAX_ENTRY_BYTES: {
    kind: "integer",
    min: 1024,
    max: 2 ** 31 - 1,
    default: 16 * MIB,
    unit: "bytes",
    meaning: "largest result the cache keeps; larger ones are served and not kept (`Cache-Status: pixelrpc; fwd=miss; detail=not-stored`)",
  },
  GATEWAY_ADMIN_KEYS: {
    kind: "list",
    form: "keys of at least 16 characters",
    shownDefault: "empty: operator routes off",
    meaning: "the bearer keys of the operators' routes (`DELETE /v1/cache`); apart from `GATEWAY_API_KEYS`, so that callers of the API cannot purge",
  },
  GATEWAY_WEBHOOK_ALLOWED: {
    kind: "list",
    form: "http(s) origins or URL prefixes, or `*`",
    shownDefault: "empty: callback URLs off",
    meaning:
      "where jobs' `callback_url` may point: origins (`https://hooks.example.com`) or URL prefixes matching whole path segments, as `IMAGE_ALLOWED_SOURCES` takes them, or `*`. Even then, reserved addresses stay refused (`GATEWAY_WEBHOOK_ALLOWED_ADDRESSES`). Needs `GATEWAY_WEBHOOK_SECRETS`",
  },
  GATEWAY_WEBHOOK_ALLOWED_ADDRESSES: {
    kind: "list",
    form: "addresses or CIDR networks",
    meaning:
      "addresses or networks (`10.1.0.0/16`) that webhooks may reach although they are loopback, private, link-local or otherwise reserved: for receivers inside your network",
  },
  GATEWAY_WEBHOOK_SECRETS: {
    kind: "list",
    form: "Standard Webhooks secrets: `whsec_` and 16 or more bytes in base64",
    shownDefault: "empty",
    meaning:
      "the keys webhooks are signed with (`webhook-signature`, one signature per key: list the new one beside the old while receivers rotate); `whsec_$(openssl rand -base64 32)` makes one",
  },
  GATEWAY_WEBHOOK_TIMEOUT_MS: {
    kind: "integer",
    min: 100,
    max: 60_000,
    default: 10_000,
    unit: "milliseconds",
    meaning: "longest one delivery attempt may take, connecting and the receiver's answer included; past it the attempt failed",
  },
  GATEWAY_WEBHOOK_MAX_ATTEMPTS: {
    kind: "integer",
    min: 1,
    max: 12,
    default: 8,
    meaning: "attempts at each webhook before it is given up (logged as `webhook_abandoned`)",
  },
  GATEWAY_WEBHOOK_RETRY_MS: {
    kind: "integer",
    min: 10,
    max: 3_600_000,
    default: 5_000,
    unit: "milliseconds",
    meaning:
      "the wait after a first failed attempt; each later wait is four times the one before, each with ±20% jitter (by default 5 s, 20 s, 80 s, 5.3 min, 21 min, 85 min, 5.7 h: about 7.5 hours in all). The whole schedule must fit in 3 days",
  },
  ...imageServiceTlsVariables,
});

/** Every variable the gateway reads, with its default as the environment would spell it. */
export const gatewayDefaults = defaultsOf(gatewayVariables);

type GatewayVariables = typeof gatewayVariables;

/** Signing keys shorter than this are guessable enough to forge URLs offline. */
const MIN_SIGNING_KEY_LENGTH = 32;

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|\[::1\]|::1|localhost)$/;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** An origin as browsers send it: scheme, host and port only, as the URL standard serialises it. */
function corsOrigins(env: Environment<GatewayVariables>): string[] {
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

function jobStore(env: Environment<GatewayVariables>): "memory" | URL {
  const raw = env.text("GATEWAY_JOB_STORE");
  if (raw === "memory") return raw;
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (url && (url.protocol === "redis:" || url.protocol === "rediss:")) return url;
  env.problem(`GATEWAY_JOB_STORE must be "memory" or a redis:// or rediss:// URL, got ${JSON.stringify(raw.replace(/\/\/[^@/]*@/, "//***@"))}`);
  return "memory";
}

const DEFAULT_CACHE_BYTES = 1024 * MIB;

function cacheLocation(env: Environment<GatewayVariables>): CacheLocation {
  const raw = env.text("GATEWAY_CACHE");
  if (raw === "off") return { kind: "off" };
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (url && (url.protocol === "redis:" || url.protocol === "rediss:")) return { kind: "redis", url };
  if (url?.protocol === "file:" && (url.host === "" || url.host === "localhost") && url.pathname.length > 1) {
    const unknown = [...url.searchParams.keys()].filter((name) => name !== "max_bytes");
    const maxBytes = url.searchParams.get("max_bytes") ?? String(DEFAULT_CACHE_BYTES);
    if (unknown.length > 0) env.problem(`GATEWAY_CACHE takes max_bytes only, got ${unknown.map((name) => JSON.stringify(name)).join(", ")}`);
    else if (!/^\d{1,16}$/.test(maxBytes) || Number(maxBytes) < MIB || Number(maxBytes) > 2 ** 50) {
      env.problem(`GATEWAY_CACHE's max_bytes must be a whole number of bytes from ${MIB} to ${2 ** 50}, got ${JSON.stringify(maxBytes)}`);
    } else return { kind: "file", directory: fileURLToPath(url), maxBytes: Number(maxBytes) };
    return { kind: "off" };
  }
  env.problem(
    `GATEWAY_CACHE must be "off", a file:///path URL (with ?max_bytes=N) or a redis:// or rediss:// URL, got ${JSON.stringify(raw.replace(/\/\/[^@/]*@/, "//***@"))}`,
  );
  return { kind: "off" };
}

/** The longest a webhook may keep being retried: within the Redis record's life (jobs/redis-store.ts). */
const MAX_WEBHOOK_SCHEDULE_MS = 3 * 24 * 3600 * 1000;

/** How refusals of callback URLs name the rule. */
const callbackNaming = {
  allowed: "an allowed callback URL",
  only: "this gateway calls back only to",
  variable: "GATEWAY_WEBHOOK_ALLOWED",
  off: "callbacks are off",
};

/** The longest the retries of one webhook can go on: every wait at its jitter's top. */
export function webhookScheduleMs(retryMs: number, maxAttempts: number): number {
  return (retryMs * 1.2 * (4 ** (maxAttempts - 1) - 1)) / 3;
}

function webhooks(env: Environment<GatewayVariables>): WebhookConfig | undefined {
  const entries = env.list("GATEWAY_WEBHOOK_ALLOWED");
  const secrets = env.list("GATEWAY_WEBHOOK_SECRETS");
  const { networks, problems } = parseNetworks(env.list("GATEWAY_WEBHOOK_ALLOWED_ADDRESSES"), "GATEWAY_WEBHOOK_ALLOWED_ADDRESSES");
  for (const problem of problems) env.problem(problem);
  const keys = secrets.flatMap((secret, index) => {
    const key = webhookKey(secret);
    if (!key) env.problem(`GATEWAY_WEBHOOK_SECRETS[${index}] must be whsec_ and at least 16 bytes in base64 (whsec_$(openssl rand -base64 32) makes one)`);
    return key ? [key] : [];
  });
  const timeoutMs = env.integer("GATEWAY_WEBHOOK_TIMEOUT_MS");
  const maxAttempts = env.integer("GATEWAY_WEBHOOK_MAX_ATTEMPTS");
  const retryMs = env.integer("GATEWAY_WEBHOOK_RETRY_MS");
  if (webhookScheduleMs(retryMs, maxAttempts) > MAX_WEBHOOK_SCHEDULE_MS) {
    env.problem(
      `GATEWAY_WEBHOOK_RETRY_MS (${retryMs}) and GATEWAY_WEBHOOK_MAX_ATTEMPTS (${maxAttempts}) retry for up to ${Math.round(webhookScheduleMs(retryMs, maxAttempts) / 3_600_000)} hours; at most 72 are kept`,
    );
  }
  if (entries.length === 0) {
    if (secrets.length > 0 || networks.length > 0)
      env.problem("GATEWAY_WEBHOOK_SECRETS and GATEWAY_WEBHOOK_ALLOWED_ADDRESSES need GATEWAY_WEBHOOK_ALLOWED: set it, or unset them");
    return undefined;
  }
  const allowed = AllowedUrls.fromVariable(entries, callbackNaming);
  if (!(allowed instanceof AllowedUrls)) {
    env.problem(allowed.problem);
    return undefined;
  }
  if (secrets.length === 0) env.problem("GATEWAY_WEBHOOK_ALLOWED needs GATEWAY_WEBHOOK_SECRETS: every webhook is signed");
  return { allowed, addresses: new AddressPolicy(networks), keys, timeoutMs, maxAttempts, retryMs };
}

/** Parses and validates the environment; throws one ConfigError naming every bad variable. */
export function loadGatewayConfig(variables: Env = process.env): GatewayConfig {
  const env = new Environment(variables, gatewayVariables);
  const address = env.text("GATEWAY_HTTP_ADDR");
  const http = env.address("GATEWAY_HTTP_ADDR");
  const metricsAddress = env.address("GATEWAY_METRICS_ADDR");

  const apiKeys = env.list("GATEWAY_API_KEYS");
  const urlSigningKeys = env.list("GATEWAY_URL_SIGNING_KEYS");
  if (urlSigningKeys.some((key) => key.length < MIN_SIGNING_KEY_LENGTH)) {
    env.problem(`GATEWAY_URL_SIGNING_KEYS must hold keys of at least ${MIN_SIGNING_KEY_LENGTH} characters each (openssl rand -hex 32 makes one)`);
  }
  if (apiKeys.some((key) => key.length < 16)) env.problem("GATEWAY_API_KEYS must hold keys of at least 16 characters each");
  const adminKeys = env.list("GATEWAY_ADMIN_KEYS");
  if (adminKeys.some((key) => key.length < 16)) env.problem("GATEWAY_ADMIN_KEYS must hold keys of at least 16 characters each");
  if (http && apiKeys.length === 0 && !isLoopback(http.host)) {
    env.problem(`GATEWAY_HTTP_ADDR ${address} is not loopback: set GATEWAY_API_KEYS before exposing the gateway`);
  }

  const config: GatewayConfig = {
    httpHost: http?.host ?? "",
    httpPort: http?.port ?? -1,
    imageServiceTarget: env.text("IMAGE_SERVICE_TARGET"),
    apiKeys,
    maxBodyBytes: env.integer("GATEWAY_MAX_BODY_BYTES"),
    requestTimeoutMs: env.integer("GATEWAY_REQUEST_TIMEOUT_MS"),
    jobTimeoutMs: env.integer("GATEWAY_JOB_TIMEOUT_MS"),
    jobTtlMs: env.integer("GATEWAY_JOB_TTL_MS"),
    maxJobs: env.integer("GATEWAY_MAX_JOBS"),
    maxJobBytes: env.integer("GATEWAY_MAX_JOB_BYTES"),
    shutdownGraceMs: env.integer("GATEWAY_SHUTDOWN_GRACE_MS"),
    jobStore: jobStore(env),
    imageServiceTls: imageServiceTls(env),
    urlSigningKeys,
    imageMaxAgeSeconds: env.integer("GATEWAY_IMAGE_MAX_AGE_S"),
    presetsOnly: env.flag("GATEWAY_PRESETS_ONLY"),
    headersTimeoutMs: env.integer("GATEWAY_HEADERS_TIMEOUT_MS"),
    bodyIdleTimeoutMs: env.integer("GATEWAY_BODY_IDLE_TIMEOUT_MS"),
    receiveBudgetBytes: env.integer("GATEWAY_RECEIVE_BUDGET_BYTES"),
    keepAliveTimeoutMs: env.integer("GATEWAY_KEEP_ALIVE_TIMEOUT_MS"),
    maxConnections: env.integer("GATEWAY_MAX_CONNECTIONS"),
    rateLimitPerMinute: env.integer("GATEWAY_RATE_LIMIT") || undefined,
    metricsAddress,
    corsOrigins: corsOrigins(env),
    cache: cacheLocation(env),
    cacheTtlSeconds: env.integer("GATEWAY_CACHE_TTL_S"),
    cacheMaxEntryBytes: env.integer("GATEWAY_CACHE_MAX_ENTRY_BYTES"),
    adminKeys,
    webhooks: webhooks(env),
  };
  if (config.receiveBudgetBytes < config.maxBodyBytes) {
    env.problem(
      `GATEWAY_RECEIVE_BUDGET_BYTES (${config.receiveBudgetBytes}) must be at least GATEWAY_MAX_BODY_BYTES (${config.maxBodyBytes}), or no upload of the largest size could start`,
    );
  }
  return env.done(config);
}
