import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

import { DEFAULT_MAX_MESSAGE_BYTES, FLOW_CONTROL_WINDOW_BYTES, MESSAGE_OVERHEAD_BYTES, MIN_STREAM_CHUNK_BYTES } from "@pixelrpc/proto";

import { Environment, type Env } from "@pixelrpc/service-runtime";

import { parseNetwork, type AllowedNetwork } from "../server/fetch/address-policy.js";
import { AllowedSources } from "../server/fetch/allowed-sources.js";

/** The gRPC port's TLS: the service's certificate, and for mutual TLS the CAs its callers' certificates must come from. */
export interface ServerTls {
  readonly cert: Buffer;
  readonly key: Buffer;
  /** Set for mutual TLS: callers without a certificate signed by one of these are refused. */
  readonly clientCa?: Buffer;
}

/** The image service's settings, read once from the environment at start-up. */
export interface ImageServiceConfig {
  /** `host:port` to listen on; port 0 picks a free port. */
  readonly grpcAddress: string;
  /** Worker threads in the transform pool. */
  readonly poolThreads: number;
  /** Largest accepted input, in pixels (width x height of one page). */
  readonly maxInputPixels: number;
  /** Largest gRPC message accepted or sent, in bytes. */
  readonly maxMessageBytes: number;
  /** Largest encoded input, in bytes. */
  readonly maxInputBytes: number;
  /** Largest side of an input, in pixels: extreme shapes (2097160x8) make libvips' resampling slow and hungry. */
  readonly maxInputDimension: number;
  /** Most pages or frames an input may have (reading page N decodes the N before it). */
  readonly maxInputPages: number;
  /** Largest side of any image an operation makes, in pixels. */
  readonly maxOutputDimension: number;
  /** Lets tests make a worker crash on purpose (see worker/test-hooks.ts). Never set in production. */
  readonly testHooks: boolean;
  /** Longest one image may compute, in seconds (a call's own deadline can cut it shorter). */
  readonly maxProcessingSeconds: number;
  /** Transforms that may wait for a worker; past this, calls fail at once with RESOURCE_EXHAUSTED. */
  readonly maxQueue: number;
  /** Image bytes the calls admitted to a lane (waiting or running) may hold in all; past it, calls fail at once with RESOURCE_EXHAUSTED. */
  readonly maxQueueBytes: number;
  /** Worker threads kept for Info, so that it answers while transforms fill the pool. */
  readonly infoThreads: number;
  /** How long shutdown waits for calls in flight before cancelling them, in milliseconds. */
  readonly shutdownGraceMs: number;
  /** The URLs sources may be fetched from; none (URL sources off) by default. */
  readonly allowedSources: AllowedSources;
  /** Reserved networks (loopback, private, ...) that URL sources may reach all the same. */
  readonly allowedSourceAddresses: readonly AllowedNetwork[];
  /** Longest fetch of a URL source, redirects and body included, in milliseconds. */
  readonly fetchTimeoutMs: number;
  /** Most redirects a URL source may take. */
  readonly fetchMaxRedirects: number;
  /** Plaintext when undefined. */
  readonly tls: ServerTls | undefined;
  /** Where Prometheus metrics are served over HTTP; none when undefined. */
  readonly metrics: { readonly host: string; readonly port: number } | undefined;
  /** The server's HTTP/2 receive window per stream and per connection, in bytes (see server/flow-control.ts). */
  readonly flowControlWindowBytes: number;
  /** The nice value of libvips' threads, so that the event loop wins the CPU when they fill it; 0 leaves them alone. */
  readonly libvipsNice: number;
  /** Bytes that requests still arriving may hold in all (see server/receive-guard.ts). */
  readonly receiveBudgetBytes: number;
  /** How long a request may take to arrive in full, in milliseconds. */
  readonly receiveTimeoutMs: number;
  /** Calls one connection may have open at once (HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS). */
  readonly maxConcurrentStreams: number;
  /** Whether tasks run in killable task processes (worker/process-lane.ts) rather than in the worker threads. */
  readonly taskProcesses: boolean;
  /** The highest AVIF effort a call may ask for. */
  readonly maxAvifEffort: number;
}

/** The settings every worker thread is started with: the limits it enforces. */
const workerSettingKeys = [
  "maxInputPixels",
  "maxInputBytes",
  "maxInputDimension",
  "maxInputPages",
  "maxOutputDimension",
  "maxProcessingSeconds",
  "testHooks",
  "libvipsNice",
  "taskProcesses",
  "maxAvifEffort",
] as const;

export type WorkerSettings = Pick<ImageServiceConfig, (typeof workerSettingKeys)[number]>;

export function workerSettings(config: ImageServiceConfig): WorkerSettings {
  return Object.fromEntries(workerSettingKeys.map((key) => [key, config[key]])) as unknown as WorkerSettings;
}

export const KIB = 1024;
export const MIB = 1024 * KIB;
const MAX_POOL_THREADS = 256;

/** Every variable the service reads, with its default: the README's table mirrors this. */
export const configDefaults = {
  IMAGE_GRPC_ADDR: "127.0.0.1:50051",
  // One transform per core: each runs libvips on one thread (see worker/index.ts),
  // so this many workers keep every core busy without oversubscribing them.
  IMAGE_POOL_THREADS: String(Math.min(MAX_POOL_THREADS, availableParallelism())),
  IMAGE_MAX_INPUT_PIXELS: String(50_000_000),
  IMAGE_MAX_MESSAGE_BYTES: String(DEFAULT_MAX_MESSAGE_BYTES),
  IMAGE_MAX_INPUT_BYTES: String(32 * MIB),
  IMAGE_MAX_INPUT_DIMENSION: String(65_535),
  IMAGE_MAX_INPUT_PAGES: String(256),
  IMAGE_MAX_OUTPUT_DIMENSION: String(16384),
  IMAGE_MAX_PROCESSING_SECONDS: String(60),
  IMAGE_TEST_HOOKS: "0",
  // Each waiting call holds its image (up to the message limit) in memory.
  IMAGE_MAX_QUEUE: String(64),
  IMAGE_MAX_QUEUE_BYTES: String(128 * MIB),
  IMAGE_INFO_THREADS: String(1),
  IMAGE_SHUTDOWN_GRACE_MS: String(10_000),
  IMAGE_ALLOWED_SOURCES: "",
  IMAGE_ALLOWED_SOURCE_ADDRESSES: "",
  IMAGE_FETCH_TIMEOUT_MS: String(10_000),
  IMAGE_FETCH_MAX_REDIRECTS: String(3),
  IMAGE_TLS_CERT: "",
  IMAGE_TLS_KEY: "",
  IMAGE_TLS_CLIENT_CA: "",
  IMAGE_METRICS_ADDR: "",
  IMAGE_LIBVIPS_NICE: String(10),
  // Big enough for a typical photo to arrive in one go; grpc-java's default is 1 MiB.
  IMAGE_FLOW_CONTROL_WINDOW_BYTES: String(FLOW_CONTROL_WINDOW_BYTES),
  // With the queue's images and the workers' pixels, what fits in the manifests' 1 GiB pod.
  IMAGE_RECEIVE_BUDGET_BYTES: String(256 * MIB),
  IMAGE_RECEIVE_TIMEOUT_MS: String(30_000),
  IMAGE_MAX_CONCURRENT_STREAMS: String(100),
  IMAGE_TASK_PROCESSES: "1",
  // Effort 6 costs three times the default 4 and 7 to 9 far more for a few percent of size (README, "Limits").
  IMAGE_MAX_AVIF_EFFORT: String(6),
} as const;

type Variable = keyof typeof configDefaults;

function allowedSources(env: Environment<Variable>): AllowedSources {
  const parsed = AllowedSources.parse(env.list("IMAGE_ALLOWED_SOURCES"));
  if (parsed instanceof AllowedSources) return parsed;
  env.problem(`IMAGE_ALLOWED_SOURCES must list http(s) origins or URL prefixes, or *: ${parsed.problems.join("; ")}`);
  return AllowedSources.parse([]) as AllowedSources;
}

function allowedSourceAddresses(env: Environment<Variable>): AllowedNetwork[] {
  return env.list("IMAGE_ALLOWED_SOURCE_ADDRESSES").flatMap((entry) => {
    const network = parseNetwork(entry);
    if (!network) env.problem(`IMAGE_ALLOWED_SOURCE_ADDRESSES must list addresses or CIDR networks (10.0.0.0/8, fd00::/8), got ${JSON.stringify(entry)}`);
    return network ? [network] : [];
  });
}

function pemFile(env: Environment<Variable>, name: "IMAGE_TLS_CERT" | "IMAGE_TLS_KEY" | "IMAGE_TLS_CLIENT_CA", path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    env.problem(`${name} names ${JSON.stringify(path)}, which cannot be read: ${(error as Error).message}`);
    return Buffer.alloc(0);
  }
}

function serverTls(env: Environment<Variable>): ServerTls | undefined {
  const [cert, key, clientCa] = (["IMAGE_TLS_CERT", "IMAGE_TLS_KEY", "IMAGE_TLS_CLIENT_CA"] as const).map((name) => env.text(name) || undefined);
  if (!cert && !key) {
    if (clientCa) env.problem("IMAGE_TLS_CLIENT_CA needs IMAGE_TLS_CERT and IMAGE_TLS_KEY: mutual TLS is TLS first");
    return undefined;
  }
  if (!cert || !key) {
    env.problem("IMAGE_TLS_CERT and IMAGE_TLS_KEY go together: set both for TLS, or neither for plaintext");
    return undefined;
  }
  return {
    cert: pemFile(env, "IMAGE_TLS_CERT", cert),
    key: pemFile(env, "IMAGE_TLS_KEY", key),
    ...(clientCa ? { clientCa: pemFile(env, "IMAGE_TLS_CLIENT_CA", clientCa) } : {}),
  };
}

/** Parses and validates the environment; throws one ConfigError naming every bad variable. */
export function loadConfig(variables: Env = process.env): ImageServiceConfig {
  const env = new Environment<Variable>(variables, configDefaults);
  const grpcAddress = env.text("IMAGE_GRPC_ADDR");
  env.address("IMAGE_GRPC_ADDR", "host:port (port 0 picks a free one)");
  const config: ImageServiceConfig = {
    grpcAddress,
    poolThreads: env.integer("IMAGE_POOL_THREADS", 1, MAX_POOL_THREADS),
    maxInputPixels: env.integer("IMAGE_MAX_INPUT_PIXELS", 1, 2 ** 32),
    // A smaller limit would leave no chunk size that TransformStream accepts.
    maxMessageBytes: env.integer("IMAGE_MAX_MESSAGE_BYTES", MIN_STREAM_CHUNK_BYTES + MESSAGE_OVERHEAD_BYTES, 2 ** 31 - 1),
    maxInputBytes: env.integer("IMAGE_MAX_INPUT_BYTES", 1, 2 ** 31 - 1),
    maxInputDimension: env.integer("IMAGE_MAX_INPUT_DIMENSION", 1, 10_000_000),
    maxInputPages: env.integer("IMAGE_MAX_INPUT_PAGES", 1, 100_000),
    maxOutputDimension: env.integer("IMAGE_MAX_OUTPUT_DIMENSION", 1, 65_535),
    maxProcessingSeconds: env.integer("IMAGE_MAX_PROCESSING_SECONDS", 1, 3600),
    testHooks: env.flag("IMAGE_TEST_HOOKS"),
    maxQueue: env.integer("IMAGE_MAX_QUEUE", 1, 100_000),
    maxQueueBytes: env.integer("IMAGE_MAX_QUEUE_BYTES", MIB, 2 ** 40),
    infoThreads: env.integer("IMAGE_INFO_THREADS", 1, MAX_POOL_THREADS),
    shutdownGraceMs: env.integer("IMAGE_SHUTDOWN_GRACE_MS", 0, 3_600_000),
    allowedSources: allowedSources(env),
    allowedSourceAddresses: allowedSourceAddresses(env),
    fetchTimeoutMs: env.integer("IMAGE_FETCH_TIMEOUT_MS", 1, 3_600_000),
    fetchMaxRedirects: env.integer("IMAGE_FETCH_MAX_REDIRECTS", 0, 20),
    tls: serverTls(env),
    metrics: env.address("IMAGE_METRICS_ADDR", "host:port (port 0 picks a free one), or empty for no metrics", true),
    libvipsNice: env.integer("IMAGE_LIBVIPS_NICE", 0, 19),
    flowControlWindowBytes: env.integer("IMAGE_FLOW_CONTROL_WINDOW_BYTES", 65_535, 2 ** 31 - 1),
    receiveBudgetBytes: env.integer("IMAGE_RECEIVE_BUDGET_BYTES", MIB, 2 ** 40),
    receiveTimeoutMs: env.integer("IMAGE_RECEIVE_TIMEOUT_MS", 100, 3_600_000),
    maxConcurrentStreams: env.integer("IMAGE_MAX_CONCURRENT_STREAMS", 1, 1_000_000),
    taskProcesses: env.flag("IMAGE_TASK_PROCESSES"),
    maxAvifEffort: env.integer("IMAGE_MAX_AVIF_EFFORT", 1, 9),
  };
  // A budget smaller than one message would refuse the largest request the service accepts: the
  // default grows with the message limit, a budget set by hand must cover it.
  if (config.receiveBudgetBytes < config.maxMessageBytes) {
    if (env.isSet("IMAGE_RECEIVE_BUDGET_BYTES")) {
      env.problem(`IMAGE_RECEIVE_BUDGET_BYTES (${config.receiveBudgetBytes}) must be at least IMAGE_MAX_MESSAGE_BYTES (${config.maxMessageBytes})`);
    } else (config as { receiveBudgetBytes: number }).receiveBudgetBytes = config.maxMessageBytes;
  }
  return env.done(config);
}
