import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

import { DEFAULT_MAX_MESSAGE_BYTES, FLOW_CONTROL_WINDOW_BYTES, MESSAGE_OVERHEAD_BYTES, MIN_STREAM_CHUNK_BYTES } from "@pixelrpc/proto";

import { parseNetwork, type AllowedNetwork } from "./fetch/address-policy.js";
import { AllowedSources } from "./fetch/allowed-sources.js";

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

/** Thrown when an environment variable holds a value the service cannot use. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

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

type Env = Readonly<Record<string, string | undefined>>;

function integer(name: keyof typeof configDefaults, env: Env, min: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim() || configDefaults[name];
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    return min;
  }
  return value;
}

function flag(name: keyof typeof configDefaults, env: Env, problems: string[]): boolean {
  const raw = env[name]?.trim() || configDefaults[name];
  if (raw === "1" || raw === "true") return true;
  if (raw !== "0" && raw !== "false") problems.push(`${name} must be 1, true, 0 or false, got ${JSON.stringify(raw)}`);
  return false;
}

const HOST_PORT = /^(?<host>\[[0-9a-fA-F:.]+(?:%[\w.-]+)?\]|[^\s:[\]]+):(?<port>\d{1,5})$/;

function hostPort(name: "IMAGE_GRPC_ADDR" | "IMAGE_METRICS_ADDR", raw: string, problems: string[]): { host: string; port: number } | undefined {
  const match = HOST_PORT.exec(raw);
  const port = Number(match?.groups?.port);
  if (match && port <= 65535) return { host: match.groups!.host!.replace(/^\[(.*)\]$/, "$1"), port };
  const orOff = name === "IMAGE_METRICS_ADDR" ? ", or empty for no metrics" : "";
  problems.push(`${name} must be host:port (port 0 picks a free one)${orOff}, got ${JSON.stringify(raw)}`);
  return undefined;
}

function address(env: Env, problems: string[]): string {
  const raw = env.IMAGE_GRPC_ADDR?.trim() || configDefaults.IMAGE_GRPC_ADDR;
  hostPort("IMAGE_GRPC_ADDR", raw, problems);
  return raw;
}

function metricsAddress(env: Env, problems: string[]): { host: string; port: number } | undefined {
  const raw = env.IMAGE_METRICS_ADDR?.trim() || configDefaults.IMAGE_METRICS_ADDR;
  return raw === "" ? undefined : hostPort("IMAGE_METRICS_ADDR", raw, problems);
}

function list(name: keyof typeof configDefaults, env: Env): string[] {
  const raw = env[name]?.trim() || configDefaults[name];
  return raw
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

function allowedSources(env: Env, problems: string[]): AllowedSources {
  const parsed = AllowedSources.parse(list("IMAGE_ALLOWED_SOURCES", env));
  if (parsed instanceof AllowedSources) return parsed;
  problems.push(`IMAGE_ALLOWED_SOURCES must list http(s) origins or URL prefixes, or *: ${parsed.problems.join("; ")}`);
  return AllowedSources.parse([]) as AllowedSources;
}

function allowedSourceAddresses(env: Env, problems: string[]): AllowedNetwork[] {
  return list("IMAGE_ALLOWED_SOURCE_ADDRESSES", env).flatMap((entry) => {
    const network = parseNetwork(entry);
    if (!network) problems.push(`IMAGE_ALLOWED_SOURCE_ADDRESSES must list addresses or CIDR networks (10.0.0.0/8, fd00::/8), got ${JSON.stringify(entry)}`);
    return network ? [network] : [];
  });
}

function pemFile(name: "IMAGE_TLS_CERT" | "IMAGE_TLS_KEY" | "IMAGE_TLS_CLIENT_CA", path: string, problems: string[]): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    problems.push(`${name} names ${JSON.stringify(path)}, which cannot be read: ${(error as Error).message}`);
    return Buffer.alloc(0);
  }
}

function serverTls(env: Env, problems: string[]): ServerTls | undefined {
  const [cert, key, clientCa] = (["IMAGE_TLS_CERT", "IMAGE_TLS_KEY", "IMAGE_TLS_CLIENT_CA"] as const).map((name) => env[name]?.trim() || undefined);
  if (!cert && !key) {
    if (clientCa) problems.push("IMAGE_TLS_CLIENT_CA needs IMAGE_TLS_CERT and IMAGE_TLS_KEY: mutual TLS is TLS first");
    return undefined;
  }
  if (!cert || !key) {
    problems.push("IMAGE_TLS_CERT and IMAGE_TLS_KEY go together: set both for TLS, or neither for plaintext");
    return undefined;
  }
  return {
    cert: pemFile("IMAGE_TLS_CERT", cert, problems),
    key: pemFile("IMAGE_TLS_KEY", key, problems),
    ...(clientCa ? { clientCa: pemFile("IMAGE_TLS_CLIENT_CA", clientCa, problems) } : {}),
  };
}

/** Parses and validates the environment; throws one ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): ImageServiceConfig {
  const problems: string[] = [];
  const config: ImageServiceConfig = {
    grpcAddress: address(env, problems),
    poolThreads: integer("IMAGE_POOL_THREADS", env, 1, MAX_POOL_THREADS, problems),
    maxInputPixels: integer("IMAGE_MAX_INPUT_PIXELS", env, 1, 2 ** 32, problems),
    // A smaller limit would leave no chunk size that TransformStream accepts.
    maxMessageBytes: integer("IMAGE_MAX_MESSAGE_BYTES", env, MIN_STREAM_CHUNK_BYTES + MESSAGE_OVERHEAD_BYTES, 2 ** 31 - 1, problems),
    maxInputBytes: integer("IMAGE_MAX_INPUT_BYTES", env, 1, 2 ** 31 - 1, problems),
    maxInputDimension: integer("IMAGE_MAX_INPUT_DIMENSION", env, 1, 10_000_000, problems),
    maxInputPages: integer("IMAGE_MAX_INPUT_PAGES", env, 1, 100_000, problems),
    maxOutputDimension: integer("IMAGE_MAX_OUTPUT_DIMENSION", env, 1, 65_535, problems),
    maxProcessingSeconds: integer("IMAGE_MAX_PROCESSING_SECONDS", env, 1, 3600, problems),
    testHooks: flag("IMAGE_TEST_HOOKS", env, problems),
    maxQueue: integer("IMAGE_MAX_QUEUE", env, 1, 100_000, problems),
    maxQueueBytes: integer("IMAGE_MAX_QUEUE_BYTES", env, MIB, 2 ** 40, problems),
    infoThreads: integer("IMAGE_INFO_THREADS", env, 1, MAX_POOL_THREADS, problems),
    shutdownGraceMs: integer("IMAGE_SHUTDOWN_GRACE_MS", env, 0, 3_600_000, problems),
    allowedSources: allowedSources(env, problems),
    allowedSourceAddresses: allowedSourceAddresses(env, problems),
    fetchTimeoutMs: integer("IMAGE_FETCH_TIMEOUT_MS", env, 1, 3_600_000, problems),
    fetchMaxRedirects: integer("IMAGE_FETCH_MAX_REDIRECTS", env, 0, 20, problems),
    tls: serverTls(env, problems),
    metrics: metricsAddress(env, problems),
    libvipsNice: integer("IMAGE_LIBVIPS_NICE", env, 0, 19, problems),
    flowControlWindowBytes: integer("IMAGE_FLOW_CONTROL_WINDOW_BYTES", env, 65_535, 2 ** 31 - 1, problems),
    receiveBudgetBytes: integer("IMAGE_RECEIVE_BUDGET_BYTES", env, MIB, 2 ** 40, problems),
    receiveTimeoutMs: integer("IMAGE_RECEIVE_TIMEOUT_MS", env, 100, 3_600_000, problems),
    maxConcurrentStreams: integer("IMAGE_MAX_CONCURRENT_STREAMS", env, 1, 1_000_000, problems),
    taskProcesses: flag("IMAGE_TASK_PROCESSES", env, problems),
    maxAvifEffort: integer("IMAGE_MAX_AVIF_EFFORT", env, 1, 9, problems),
  };
  // A budget smaller than one message would refuse the largest request the service accepts: the
  // default grows with the message limit, a budget set by hand must cover it.
  if (config.receiveBudgetBytes < config.maxMessageBytes) {
    if (env.IMAGE_RECEIVE_BUDGET_BYTES?.trim()) {
      problems.push(`IMAGE_RECEIVE_BUDGET_BYTES (${config.receiveBudgetBytes}) must be at least IMAGE_MAX_MESSAGE_BYTES (${config.maxMessageBytes})`);
    } else (config as { receiveBudgetBytes: number }).receiveBudgetBytes = config.maxMessageBytes;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
