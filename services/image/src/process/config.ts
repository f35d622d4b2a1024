import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

import { DEFAULT_MAX_MESSAGE_BYTES, FLOW_CONTROL_WINDOW_BYTES, MAX_TEXT_CHARACTERS, MESSAGE_OVERHEAD_BYTES, MIN_STREAM_CHUNK_BYTES } from "@pixelrpc/proto";

import { AllowedUrls, parseNetworks, type AllowedNetwork } from "@pixelrpc/outbound";
import { defaultsOf, defineVariables, Environment, type Env } from "@pixelrpc/service-runtime";

import { checkDrawing, type DrawLimits } from "../server/draw-limits.js";
import { Presets } from "../server/presets.js";
import { validateTransformRequest } from "../server/validate.js";

/** The gRPC port's TLS: the service's certificate, and for mutual TLS the CAs its callers' certificates must come from. */
export interface ServerTls {
  readonly cert: Buffer;
  readonly key: Buffer;
  /** Set for mutual TLS: callers without a certificate signed by one of these are refused. */
  readonly clientCa?: Buffer;
  /** With mutual TLS, the certificate and key the health check presents, when not the service's own. */
  readonly healthcheck?: { readonly cert: Buffer; readonly key: Buffer };
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
  readonly allowedSources: AllowedUrls;
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
  /** Overlays and texts (composite and text steps) one call may draw. */
  readonly maxOverlays: number;
  /** Encoded bytes one call's overlays may have together, sent or fetched. */
  readonly maxOverlayBytes: number;
  /** Largest overlay as decoded, in pixels. */
  readonly maxOverlayPixels: number;
  /** Most characters one text step may write. */
  readonly maxTextCharacters: number;
  /** The named transforms of IMAGE_PRESETS_FILE; none by default. */
  readonly presets: Presets;
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
  "maxOverlayPixels",
] as const;

export type WorkerSettings = Pick<ImageServiceConfig, (typeof workerSettingKeys)[number]>;

export function workerSettings(config: ImageServiceConfig): WorkerSettings {
  return Object.fromEntries(workerSettingKeys.map((key) => [key, config[key]])) as unknown as WorkerSettings;
}

export const KIB = 1024;
export const MIB = 1024 * KIB;
const MAX_POOL_THREADS = 256;

/** Every variable the service reads: its kind, range, default and meaning (docs/configuration.md is made from this). */
export const imageVariables = defineVariables({
  IMAGE_GRPC_ADDR: {
    kind: "address",
    default: "127.0.0.1:50051",
    form: "host:port (port 0 picks a free one)",
    meaning: "where the gRPC port listens (`[::1]:50051` for IPv6, `0.0.0.0:50051` for all interfaces); a free port is logged on start",
  },
  IMAGE_POOL_THREADS: {
    kind: "integer",
    min: 1,
    max: MAX_POOL_THREADS,
    // One transform per core: each runs libvips on one thread (see worker/index.ts),
    // so this many workers keep every core busy without oversubscribing them.
    default: Math.min(MAX_POOL_THREADS, availableParallelism()),
    shownDefault: "the number of cores",
    meaning:
      "worker threads for transforms; each runs one image at a time on one libvips thread, so one per core keeps every core busy without oversubscribing",
  },
  IMAGE_MAX_INPUT_PIXELS: { kind: "integer", min: 1, max: 2 ** 32, default: 50_000_000, meaning: "largest input (and intermediate) image, in pixels" },
  IMAGE_MAX_MESSAGE_BYTES: {
    kind: "integer",
    // A smaller limit would leave no chunk size that TransformStream accepts.
    min: MIN_STREAM_CHUNK_BYTES + MESSAGE_OVERHEAD_BYTES,
    max: 2 ** 31 - 1,
    default: DEFAULT_MAX_MESSAGE_BYTES,
    unit: "bytes",
    meaning: "largest gRPC message accepted or sent; the least leaves room for the smallest `TransformStream` chunk (16 KiB) and its framing",
  },
  IMAGE_MAX_INPUT_BYTES: { kind: "integer", min: 1, max: 2 ** 31 - 1, default: 32 * MIB, unit: "bytes", meaning: "largest encoded input" },
  IMAGE_MAX_INPUT_DIMENSION: {
    kind: "integer",
    min: 1,
    max: 10_000_000,
    default: 65_535,
    meaning: "largest side of an input, in pixels: extreme shapes (2097160x8) make libvips' resampling slow and hungry",
  },
  IMAGE_MAX_INPUT_PAGES: {
    kind: "integer",
    min: 1,
    max: 100_000,
    default: 256,
    meaning: "most pages or frames an input may have (reading page N decodes the N before it)",
  },
  IMAGE_MAX_OVERLAYS: {
    kind: "integer",
    min: 0,
    max: 32,
    default: 8,
    meaning: "most overlays and texts (`composite` and `text` steps) one call may draw; 0 turns both off",
  },
  IMAGE_MAX_OVERLAY_BYTES: {
    kind: "integer",
    min: 1,
    max: 2 ** 31 - 1,
    default: 8 * MIB,
    unit: "bytes",
    meaning: "encoded bytes one call's overlays may have together, sent in the request or fetched from their URLs",
  },
  IMAGE_MAX_OVERLAY_PIXELS: {
    kind: "integer",
    min: 1,
    max: 2 ** 31 - 1,
    default: 16_777_216,
    meaning: "largest overlay as decoded, in pixels (width x height), before it is scaled",
  },
  IMAGE_MAX_TEXT_CHARACTERS: {
    kind: "integer",
    min: 1,
    max: MAX_TEXT_CHARACTERS,
    default: 1000,
    meaning: "most characters one `text` step may write, markup included",
  },
  IMAGE_PRESETS_FILE: {
    kind: "text",
    default: "",
    form: "path of a JSON file",
    shownDefault: "empty: no presets",
    meaning:
      'named transforms that requests ask for by `preset`: a JSON object of names to `{"operations": [...], "output": {...}}` in the proto\'s JSON form (see [Presets](api.md#presets)). Read and checked once at start: a preset the service would refuse stops it, naming the preset',
  },
  IMAGE_MAX_OUTPUT_DIMENSION: { kind: "integer", min: 1, max: 65_535, default: 16_384, meaning: "largest side of any image an operation makes, in pixels" },
  IMAGE_MAX_PROCESSING_SECONDS: {
    kind: "integer",
    min: 1,
    max: 3600,
    default: 60,
    unit: "seconds",
    meaning: "longest one image may compute (a call's own deadline can cut it shorter); past it the call fails with `RESOURCE_EXHAUSTED`",
  },
  IMAGE_TEST_HOOKS: {
    kind: "flag",
    default: false,
    meaning: "tests only: lets a request make its worker crash on purpose (see worker/test-hooks.ts). Never set it in production",
  },
  IMAGE_MAX_QUEUE: {
    kind: "integer",
    min: 1,
    max: 100_000,
    default: 64,
    meaning:
      "transforms (and, separately, Info calls) that may wait for a worker; past it calls fail at once with `RESOURCE_EXHAUSTED`. Each waiting call holds its image in memory; a URL source being fetched counts as waiting (Variants' on the Info lane); their bytes are bounded by `IMAGE_MAX_QUEUE_BYTES`",
  },
  IMAGE_MAX_QUEUE_BYTES: {
    kind: "integer",
    min: MIB,
    max: 2 ** 40,
    default: 128 * MIB,
    unit: "bytes",
    meaning:
      "image bytes the calls admitted to each lane (waiting or running) may hold in all; past it calls fail at once with `RESOURCE_EXHAUSTED`, but one image larger than it still runs on an idle lane. Without it, 64 waiting 30 MiB images would hold 1.9 GB; see [Limits](api.md#limits)",
  },
  IMAGE_INFO_THREADS: {
    kind: "integer",
    min: 1,
    max: MAX_POOL_THREADS,
    default: 1,
    meaning: "worker threads kept for Info, so that it answers while transforms fill the pool",
  },
  IMAGE_SHUTDOWN_GRACE_MS: {
    kind: "integer",
    min: 0,
    max: 3_600_000,
    default: 10_000,
    unit: "milliseconds",
    meaning: "how long shutdown lets calls in flight finish before cancelling them",
  },
  IMAGE_ALLOWED_SOURCES: {
    kind: "list",
    form: "http(s) origins or URL prefixes, or `*`",
    shownDefault: "empty: URL sources off",
    meaning:
      "origins (`https://images.example.com`) or URL prefixes (`https://cdn.example.com/photos`, matching whole path segments) that `url` sources may come from, or `*` for any http(s) URL. Even then, reserved addresses stay refused (`IMAGE_ALLOWED_SOURCE_ADDRESSES`)",
  },
  IMAGE_ALLOWED_SOURCE_ADDRESSES: {
    kind: "list",
    form: "addresses or CIDR networks",
    meaning:
      "addresses or networks (`10.1.0.0/16`, `fd00::/8`) that URL sources may reach although they are loopback, private, link-local or otherwise reserved: for an image store inside your network",
  },
  IMAGE_FETCH_TIMEOUT_MS: {
    kind: "integer",
    min: 1,
    max: 3_600_000,
    default: 10_000,
    unit: "milliseconds",
    meaning: "longest fetch of a URL source, redirects and body included; past it, `UNAVAILABLE`",
  },
  IMAGE_FETCH_MAX_REDIRECTS: {
    kind: "integer",
    min: 0,
    max: 20,
    default: 3,
    meaning: "most redirects a URL source may take; each is checked like the first URL",
  },
  IMAGE_TLS_CERT: {
    kind: "text",
    default: "",
    form: "path of a PEM file",
    shownDefault: "empty: plaintext",
    meaning: "the service's certificate chain: with `IMAGE_TLS_KEY`, the gRPC port serves TLS only",
  },
  IMAGE_TLS_KEY: { kind: "text", default: "", form: "path of a PEM file", meaning: "the private key of `IMAGE_TLS_CERT`; both or neither" },
  IMAGE_TLS_CLIENT_CA: {
    kind: "text",
    default: "",
    form: "path of a PEM file",
    meaning: "the CAs whose client certificates are accepted: with it, the port serves mutual TLS and refuses callers without such a certificate",
  },
  IMAGE_HEALTHCHECK_TLS_CERT: {
    kind: "text",
    default: "",
    form: "path of a PEM file",
    shownDefault: "empty: the service's own certificate",
    meaning:
      "the client certificate the container's health check (`dist/healthcheck.js`, Docker's `HEALTHCHECK`) presents when the port serves mutual TLS: one from `IMAGE_TLS_CLIENT_CA`. Without it the check presents `IMAGE_TLS_CERT`, which works only where that certificate may also serve as a client's",
  },
  IMAGE_HEALTHCHECK_TLS_KEY: {
    kind: "text",
    default: "",
    form: "path of a PEM file",
    meaning: "the private key of `IMAGE_HEALTHCHECK_TLS_CERT`; both or neither, and only with `IMAGE_TLS_CLIENT_CA`",
  },
  IMAGE_METRICS_ADDR: {
    kind: "address",
    default: "",
    form: "host:port (port 0 picks a free one), or empty for no metrics",
    optional: true,
    shownDefault: "empty: no metrics",
    meaning:
      "where a small HTTP endpoint serves Prometheus metrics at `GET /metrics` (a free port is logged as `metricsAddress`). Plain HTTP and unauthenticated: keep it on a private interface",
  },
  IMAGE_LIBVIPS_NICE: {
    kind: "integer",
    min: 0,
    max: 19,
    default: 10,
    meaning:
      "nice value of libvips' threads, where the pixels are computed: when they fill every core, the event loop (health checks, Info, streaming writes) and the rest of the machine still get the CPU at once, and libvips keeps every cycle they leave. `0` leaves them at the default priority. Linux only",
  },
  IMAGE_FLOW_CONTROL_WINDOW_BYTES: {
    kind: "integer",
    min: 65_535,
    max: 2 ** 31 - 1,
    // Big enough for a typical photo to arrive in one go; grpc-java's default is 1 MiB.
    default: FLOW_CONTROL_WINDOW_BYTES,
    unit: "bytes",
    meaning:
      "the gRPC port's HTTP/2 receive window, per call and per connection. With HTTP/2's own 65535 a client sends 64 KiB of an image and then waits a round trip for more: a photo of 800 KB takes thirteen, and across a network with 1 ms of latency a call gets 64 MB/s at best. `65535` keeps HTTP/2's default. (grpc-js has no server option for it yet, grpc/grpc-node#3058; the service sets it through grpc-js internals and a test checks the window on the wire)",
  },
  IMAGE_RECEIVE_BUDGET_BYTES: {
    kind: "integer",
    min: MIB,
    max: 2 ** 40,
    // With the queue's images and the workers' pixels, what fits in the manifests' 1 GiB pod.
    default: 256 * MIB,
    unit: "bytes",
    shownDefault: "`268435456` (256 MiB), or `IMAGE_MAX_MESSAGE_BYTES` if larger",
    meaning:
      "memory that requests still arriving may hold in all, at least `IMAGE_MAX_MESSAGE_BYTES`; see [Limits](api.md#limits). grpc-js keeps every byte of a request until all of it has come, and the queue bounds calls, not bytes still on their way: without this, 40 streams that each sent 20 MiB of a 30 MiB message and stopped held 800 MB for as long as their client liked",
  },
  IMAGE_RECEIVE_TIMEOUT_MS: {
    kind: "integer",
    min: 100,
    max: 3_600_000,
    default: 30_000,
    unit: "milliseconds",
    meaning: "longest a request may take to arrive in full; past it its stream is cancelled",
  },
  IMAGE_MAX_CONCURRENT_STREAMS: {
    kind: "integer",
    min: 1,
    max: 1_000_000,
    default: 100,
    meaning: "calls one connection may have open at once (HTTP/2 `SETTINGS_MAX_CONCURRENT_STREAMS`)",
  },
  IMAGE_TASK_PROCESSES: {
    kind: "flag",
    default: true,
    meaning:
      "`1`: transforms, Info calls and probes run in a killable task process per worker thread, so no work outlives its call by more than 50 ms and a native crash fails only its call (see [Task processes](production.md#task-processes)); `0`: in the worker threads, about 1 ms less per call, but a cancelled call's work runs on until its processing limit and a native crash ends the service",
  },
  IMAGE_MAX_AVIF_EFFORT: {
    kind: "integer",
    min: 1,
    max: 9,
    // Effort 6 costs three times the default 4 and 7 to 9 far more for a few percent of size (docs/api.md, "Limits").
    default: 6,
    meaning:
      "the highest AVIF effort a call may ask for. Effort 6 costs about three times the default 4, and 7 to 9 four to twelve times, for a few percent of size ([Limits](api.md#limits))",
  },
});

/** Every variable the service reads, with its default as the environment would spell it. */
export const configDefaults = defaultsOf(imageVariables);

type ImageVariables = typeof imageVariables;

/** How refusals of URL sources name the rule. */
export const sourceNaming = {
  allowed: "an allowed source",
  only: "this service fetches only from",
  variable: "IMAGE_ALLOWED_SOURCES",
  off: "URL sources are off",
};

function allowedSources(env: Environment<ImageVariables>): AllowedUrls {
  const parsed = AllowedUrls.fromVariable(env.list("IMAGE_ALLOWED_SOURCES"), sourceNaming);
  if (parsed instanceof AllowedUrls) return parsed;
  env.problem(parsed.problem);
  return AllowedUrls.parse([], sourceNaming) as AllowedUrls;
}

function allowedSourceAddresses(env: Environment<ImageVariables>): AllowedNetwork[] {
  const { networks, problems } = parseNetworks(env.list("IMAGE_ALLOWED_SOURCE_ADDRESSES"), "IMAGE_ALLOWED_SOURCE_ADDRESSES");
  for (const problem of problems) env.problem(problem);
  return networks;
}

type PemVariable = "IMAGE_TLS_CERT" | "IMAGE_TLS_KEY" | "IMAGE_TLS_CLIENT_CA" | "IMAGE_HEALTHCHECK_TLS_CERT" | "IMAGE_HEALTHCHECK_TLS_KEY";

function pemFile(env: Environment<ImageVariables>, name: PemVariable): Buffer {
  const path = env.text(name);
  try {
    return readFileSync(path);
  } catch (error) {
    env.problem(`${name} names ${JSON.stringify(path)}, which cannot be read: ${(error as Error).message}`);
    return Buffer.alloc(0);
  }
}

/** The certificate and key the health check presents to a mutual-TLS port, when they are not the service's own. */
function healthcheckTls(env: Environment<ImageVariables>, mutual: boolean): ServerTls["healthcheck"] {
  const [cert, key] = (["IMAGE_HEALTHCHECK_TLS_CERT", "IMAGE_HEALTHCHECK_TLS_KEY"] as const).map((name) => env.isSet(name));
  if (!cert && !key) return undefined;
  if (!mutual) {
    env.problem("IMAGE_HEALTHCHECK_TLS_CERT and IMAGE_HEALTHCHECK_TLS_KEY are for a port that serves mutual TLS: set IMAGE_TLS_CLIENT_CA too, or unset them");
    return undefined;
  }
  if (!cert || !key) {
    env.problem("IMAGE_HEALTHCHECK_TLS_CERT and IMAGE_HEALTHCHECK_TLS_KEY go together: set both, or neither for the service's own certificate");
    return undefined;
  }
  return { cert: pemFile(env, "IMAGE_HEALTHCHECK_TLS_CERT"), key: pemFile(env, "IMAGE_HEALTHCHECK_TLS_KEY") };
}

function serverTls(env: Environment<ImageVariables>): ServerTls | undefined {
  const [cert, key, clientCa] = (["IMAGE_TLS_CERT", "IMAGE_TLS_KEY", "IMAGE_TLS_CLIENT_CA"] as const).map((name) => env.isSet(name));
  if (!cert && !key) {
    if (clientCa) env.problem("IMAGE_TLS_CLIENT_CA needs IMAGE_TLS_CERT and IMAGE_TLS_KEY: mutual TLS is TLS first");
    healthcheckTls(env, false);
    return undefined;
  }
  if (!cert || !key) {
    env.problem("IMAGE_TLS_CERT and IMAGE_TLS_KEY go together: set both for TLS, or neither for plaintext");
    return undefined;
  }
  const healthcheck = healthcheckTls(env, Boolean(clientCa));
  return {
    cert: pemFile(env, "IMAGE_TLS_CERT"),
    key: pemFile(env, "IMAGE_TLS_KEY"),
    ...(clientCa ? { clientCa: pemFile(env, "IMAGE_TLS_CLIENT_CA") } : {}),
    ...(healthcheck ? { healthcheck } : {}),
  };
}

/** The presets IMAGE_PRESETS_FILE names, each checked as a request is, under this configuration's limits. */
function presets(env: Environment<ImageVariables>, limits: DrawLimits): Presets {
  const path = env.text("IMAGE_PRESETS_FILE");
  if (path === "") return Presets.none;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const problem = error instanceof SyntaxError ? `is not JSON: ${error.message}` : `cannot be read: ${(error as Error).message}`;
    env.problem(`IMAGE_PRESETS_FILE names ${JSON.stringify(path)}, which ${problem}`);
    return Presets.none;
  }
  const parsed = Presets.parse(json, (preset) => {
    validateTransformRequest({ ...preset, input: null });
    checkDrawing(preset.operations, limits);
  });
  if (parsed instanceof Presets) return parsed;
  for (const problem of parsed.problems) env.problem(`IMAGE_PRESETS_FILE ${JSON.stringify(path)}: ${problem}`);
  return Presets.none;
}

/** Parses and validates the environment; throws one ConfigError naming every bad variable. */
export function loadConfig(variables: Env = process.env): ImageServiceConfig {
  const env = new Environment(variables, imageVariables);
  const grpcAddress = env.text("IMAGE_GRPC_ADDR");
  env.address("IMAGE_GRPC_ADDR");
  const config: Omit<ImageServiceConfig, "presets"> = {
    grpcAddress,
    poolThreads: env.integer("IMAGE_POOL_THREADS"),
    maxInputPixels: env.integer("IMAGE_MAX_INPUT_PIXELS"),
    maxMessageBytes: env.integer("IMAGE_MAX_MESSAGE_BYTES"),
    maxInputBytes: env.integer("IMAGE_MAX_INPUT_BYTES"),
    maxInputDimension: env.integer("IMAGE_MAX_INPUT_DIMENSION"),
    maxInputPages: env.integer("IMAGE_MAX_INPUT_PAGES"),
    maxOutputDimension: env.integer("IMAGE_MAX_OUTPUT_DIMENSION"),
    maxProcessingSeconds: env.integer("IMAGE_MAX_PROCESSING_SECONDS"),
    testHooks: env.flag("IMAGE_TEST_HOOKS"),
    maxQueue: env.integer("IMAGE_MAX_QUEUE"),
    maxQueueBytes: env.integer("IMAGE_MAX_QUEUE_BYTES"),
    infoThreads: env.integer("IMAGE_INFO_THREADS"),
    shutdownGraceMs: env.integer("IMAGE_SHUTDOWN_GRACE_MS"),
    allowedSources: allowedSources(env),
    allowedSourceAddresses: allowedSourceAddresses(env),
    fetchTimeoutMs: env.integer("IMAGE_FETCH_TIMEOUT_MS"),
    fetchMaxRedirects: env.integer("IMAGE_FETCH_MAX_REDIRECTS"),
    tls: serverTls(env),
    metrics: env.address("IMAGE_METRICS_ADDR"),
    libvipsNice: env.integer("IMAGE_LIBVIPS_NICE"),
    flowControlWindowBytes: env.integer("IMAGE_FLOW_CONTROL_WINDOW_BYTES"),
    receiveBudgetBytes: env.integer("IMAGE_RECEIVE_BUDGET_BYTES"),
    receiveTimeoutMs: env.integer("IMAGE_RECEIVE_TIMEOUT_MS"),
    maxConcurrentStreams: env.integer("IMAGE_MAX_CONCURRENT_STREAMS"),
    taskProcesses: env.flag("IMAGE_TASK_PROCESSES"),
    maxAvifEffort: env.integer("IMAGE_MAX_AVIF_EFFORT"),
    maxOverlays: env.integer("IMAGE_MAX_OVERLAYS"),
    maxOverlayBytes: env.integer("IMAGE_MAX_OVERLAY_BYTES"),
    maxOverlayPixels: env.integer("IMAGE_MAX_OVERLAY_PIXELS"),
    maxTextCharacters: env.integer("IMAGE_MAX_TEXT_CHARACTERS"),
  };
  // A budget smaller than one message would refuse the largest request the service accepts: the
  // default grows with the message limit, a budget set by hand must cover it.
  if (config.receiveBudgetBytes < config.maxMessageBytes) {
    if (env.isSet("IMAGE_RECEIVE_BUDGET_BYTES")) {
      env.problem(`IMAGE_RECEIVE_BUDGET_BYTES (${config.receiveBudgetBytes}) must be at least IMAGE_MAX_MESSAGE_BYTES (${config.maxMessageBytes})`);
    } else (config as { receiveBudgetBytes: number }).receiveBudgetBytes = config.maxMessageBytes;
  }
  // Checked under the limits just read: a preset must be a request this configuration would take.
  return env.done({ ...config, presets: presets(env, config) });
}
