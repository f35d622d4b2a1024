/**
 * Starts the real image service as its own process, exactly as `npm start`
 * does, and connects the real client to it over loopback.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";

import { credentials, makeGenericClientConstructor, type ServiceDefinition, type ServiceError } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { createImageClient, ImageServiceError, type ImageClient } from "@pixelrpc/client";
import { protoPath as healthProtoPath } from "grpc-health-check";

import { fixturesDir, repoRoot } from "./paths.js";

export { fixturesDir, repoRoot };

/** The ImageServiceError `call` failed with; fails the test if it succeeded, or failed with anything else. */
export async function callError(call: Promise<unknown>): Promise<ImageServiceError> {
  const error = await call.then(
    () => assert.fail("the call succeeded"),
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof ImageServiceError, `not an ImageServiceError: ${String(error)}`);
  return error;
}

export function fixture(name: string): Buffer {
  return readFileSync(join(fixturesDir, name));
}

/**
 * The node flags of a service's `npm start` ("node --flag ... dist/main.js"),
 * from the package.json in `serviceDir`: what the Dockerfiles and the bench
 * must start the service with too.
 */
export function npmStartNodeFlags(serviceDir: string): string[] {
  const script = startScript(serviceDir);
  const flags = /\bnode ((?:--\S+ )*)dist\/main\.js/.exec(script);
  if (!flags) throw new Error(`cannot find "node [flags] dist/main.js" in the start script of ${serviceDir}: ${script}`);
  return flags[1]!.split(" ").filter(Boolean);
}

const startScript = (serviceDir: string): string =>
  (JSON.parse(readFileSync(join(serviceDir, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;

/**
 * What a service's `npm start` puts in the environment before node: its
 * `NAME=${NAME:-default}` assignments, each the variable as this process has
 * it, or the default.
 */
export function npmStartEnv(serviceDir: string): Record<string, string> {
  const script = startScript(serviceDir);
  const prefix = script.slice(0, script.indexOf(" node "));
  return Object.fromEntries(
    [...prefix.matchAll(/\b(\w+)=\$\{(\w+):-([^}]*)\}/g)]
      .filter(([, name, same]) => name === same)
      .map(([, name, , fallback]) => [name!, process.env[name!] ?? fallback!]),
  );
}

/** A service's folder: where its package.json and dist/ are. */
export const serviceDir = (name: string): string => join(dirname(fileURLToPath(import.meta.resolve(name))), "..");

/** How `npm start` runs the service `name`: node with its start script's flags and environment, on its built entry point. */
export function npmStart(name: string): { readonly args: readonly string[]; readonly env: Readonly<Record<string, string>> } {
  const dir = serviceDir(name);
  return { args: [...npmStartNodeFlags(dir), join(dir, "dist", "main.js")], env: npmStartEnv(dir) };
}

export interface LogEntry {
  readonly event: string;
  readonly level: string;
  readonly [field: string]: unknown;
}

export interface RunningService {
  readonly address: string;
  readonly client: ImageClient;
  readonly process: ChildProcess;
  /** Every JSON line the service has logged so far. */
  readonly logs: LogEntry[];
  /** Resolves with the exit code once the process has ended. */
  readonly exited: Promise<number | null>;
  /** Sends `signal` (SIGTERM by default) and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Everything the service wrote to stderr: a crash's last words. */
  stderr(): string;
}

interface Spawned {
  child: ChildProcess;
  logs: LogEntry[];
  exited: Promise<number | null>;
  stderr: () => string;
}

/** Runs the service's entry point with `env` on top of a loopback, free-port default. */
export function spawnImageService(env: Record<string, string> = {}): Spawned {
  return spawnService("@pixelrpc/image-service", { IMAGE_GRPC_ADDR: "127.0.0.1:0", ...env });
}

/** Runs the gateway's entry point with `env` on top of a loopback, free-port default. */
export function spawnGateway(env: Record<string, string>): Spawned {
  return spawnService("@pixelrpc/gateway", { GATEWAY_HTTP_ADDR: "127.0.0.1:0", ...env });
}

/** Starts the service `name` as `npm start` does (its node flags, its environment), with `env` on top. */
function spawnService(name: string, env: Record<string, string>): Spawned {
  const start = npmStart(name);
  const child = spawn(process.execPath, start.args, {
    env: { ...process.env, ...start.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: LogEntry[] = [];
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  createInterface({ input: child.stdout! }).on("line", (line) => {
    logs.push(JSON.parse(line) as LogEntry);
    child.emit("log");
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, logs, exited, stderr: () => stderr };
}

/** Waits for a spawned service's `listening` line, which names the bound address. */
function listening({ child, logs, exited, stderr }: Spawned): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start in 20 s; stderr: ${stderr()}`)), 20_000);
    const check = (): void => {
      const line = logs.find((entry) => entry.event === "listening");
      if (line) {
        clearTimeout(timer);
        resolve(String(line.address));
      }
    };
    child.on("log", check);
    void exited.then((code) => reject(new Error(`service exited with ${code}; logs: ${JSON.stringify(logs)}; stderr: ${stderr()}`)));
  });
}

/** Starts the service and waits until it listens. */
export async function startImageService(env: Record<string, string> = {}): Promise<RunningService> {
  const spawned = spawnImageService(env);
  const { child, logs, exited, stderr } = spawned;
  const address = await listening(spawned);
  const client = createImageClient(address);
  return {
    address,
    client,
    process: child,
    logs,
    exited,
    stderr,
    async stop(signal = "SIGTERM") {
      client.close();
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface HealthClient {
  /** The serving status of `service` ("" is the whole server): "SERVING", "NOT_SERVING", ... */
  check(service: string, timeoutMs?: number): Promise<string>;
  close(): void;
}

/** A plain grpc-js client of the standard grpc.health.v1.Health service. */
export function createHealthClient(address: string): HealthClient {
  const definition = loadSync(healthProtoPath, { enums: String });
  const Health = makeGenericClientConstructor(definition["grpc.health.v1.Health"] as ServiceDefinition, "Health");
  const client = new Health(address, credentials.createInsecure()) as unknown as {
    check(request: { service: string }, options: { deadline: number }, callback: (error: ServiceError | null, response?: { status: string }) => void): void;
    close(): void;
  };
  return {
    check: (service, timeoutMs = 10_000) =>
      new Promise((resolve, reject) =>
        client.check({ service }, { deadline: Date.now() + timeoutMs }, (error, response) => (error ? reject(error) : resolve(response!.status))),
      ),
    close: () => client.close(),
  };
}

export interface RunningGateway {
  /** "http://127.0.0.1:<port>" */
  readonly url: string;
  /** "http://127.0.0.1:<port>/metrics" when GATEWAY_METRICS_ADDR is set. */
  readonly metricsUrl: string | undefined;
  readonly process: ChildProcess;
  readonly logs: LogEntry[];
  readonly exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** Starts the gateway in front of `imageServiceTarget` and waits until it listens. */
export async function startGateway(imageServiceTarget: string, env: Record<string, string> = {}): Promise<RunningGateway> {
  const spawned = spawnGateway({ IMAGE_SERVICE_TARGET: imageServiceTarget, ...env });
  const address = await listening(spawned);
  const metricsAddress = spawned.logs.find((entry) => entry.event === "listening")?.metricsAddress;
  return {
    url: `http://${address}`,
    metricsUrl: metricsAddress === undefined || metricsAddress === "off" ? undefined : `http://${String(metricsAddress)}/metrics`,
    process: spawned.child,
    logs: spawned.logs,
    exited: spawned.exited,
    async stop() {
      if (spawned.child.exitCode === null) spawned.child.kill("SIGTERM");
      return spawned.exited;
    },
  };
}

/** Both services as processes: the image service, and the gateway in front of it. */
export interface Stack {
  readonly images: RunningService;
  readonly gateway: RunningGateway;
  stop(): Promise<void>;
}

export async function startStack(imageEnv: Record<string, string> = {}, gatewayEnv: Record<string, string> = {}): Promise<Stack> {
  const images = await startImageService(imageEnv);
  const gateway = await startGateway(images.address, gatewayEnv);
  return {
    images,
    gateway,
    async stop() {
      await gateway.stop();
      await images.stop();
    },
  };
}

/**
 * Starts both services before the calling file's tests and stops them after.
 * Read `images` and `gateway` from the returned object once the tests run.
 */
export function withStack(imageEnv: Record<string, string> = {}, gatewayEnv: Record<string, string> = {}): Pick<Stack, "images" | "gateway"> {
  let stack: Stack | undefined;
  before(async () => {
    stack = await startStack(imageEnv, gatewayEnv);
  });
  after(() => stack?.stop());
  return {
    get images() {
      return stack!.images;
    },
    get gateway() {
      return stack!.gateway;
    },
  };
}

export interface RunningRedis {
  /** "redis://127.0.0.1:<port>" */
  readonly url: string;
  stop(): Promise<void>;
}

/** A free loopback port, for servers that cannot pick their own (redis-server's `--port 0` means no TCP at all). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Whether this machine can run redis-server. In CI it must (`.ci/run`
 * installs it), so only outside CI may tests skip without it.
 */
export function redisUnavailable(): string | false {
  if (spawnSync("redis-server", ["--version"]).status === 0) return false;
  if (process.env.CI) throw new Error("redis-server is not installed, and CI must run the Redis tests (.ci/run installs it)");
  return "redis-server is not installed (apt-get install redis-server); skipping the Redis tests outside CI";
}

/** Starts a throwaway redis-server on loopback: no persistence, gone when stopped; on `cpus` (as `taskset -c` takes them) when given. */
export async function startRedis(cpus?: string): Promise<RunningRedis> {
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const child = spawn(cpus === undefined ? "redis-server" : "taskset", cpus === undefined ? args : ["-c", cpus, "redis-server", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = once(child, "exit");
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start in 10 s: ${output}`)), 10_000);
    child.stdout!.on("data", () => {
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => reject(new Error(`redis-server exited: ${output}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
