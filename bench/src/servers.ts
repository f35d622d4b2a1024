/**
 * The servers under test, each its own process: the image service and the
 * gateway started from their built entry points as `npm start` runs them
 * (its node flags, its environment), and the naive jimp server.
 *
 * Not the e2e harness's spawners: they cannot pass node flags (--cpu-prof
 * is not allowed in NODE_OPTIONS) and keep every log line in memory, and a
 * load run logs a line per call.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

import { npmStart } from "@pixelrpc/harness";

import { onCpus, startChild, type ChildOptions } from "./child.js";

export interface RunningServer {
  /** host:port for gRPC servers, http://host:port for the gateway. */
  readonly address: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** How a service's allocator is set: as `npm start` sets it, or left to the environment given (the soak compares them). */
type ServiceOptions = ChildOptions & { readonly allocator?: "npm start" | "inherited" };

/**
 * Runs `command args` on `cpus` and waits for its `listening` JSON line,
 * which names the bound address; `scheme` prefixes that address. Every
 * server the bench starts logs one: the services, and the example app.
 */
export function startListening(
  what: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cpus: string | undefined,
  scheme = "",
): Promise<RunningServer> {
  const child = spawn(...onCpus(cpus, command, args), { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4096)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 30 s; stderr: ${stderr}`)), 30_000);
    void exited.then(() => reject(new Error(`${what} exited with ${child.exitCode} before listening; stderr: ${stderr}`)));
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (!line.includes('"listening"')) return;
      const { event, address } = JSON.parse(line) as { event: string; address: string };
      if (event !== "listening") return;
      clearTimeout(timer);
      // The per-call log lines that follow are read and dropped.
      lines.close();
      child.stdout.resume();
      resolve({
        address: `${scheme}${address}`,
        pid: child.pid!,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
  });
}

/** Starts a service's main.js as `npm start` runs it. */
function startService(name: string, env: Record<string, string>, options: ServiceOptions, scheme = ""): Promise<RunningServer> {
  const start = npmStart(name);
  const [main] = start.args.slice(-1);
  return startListening(
    name,
    process.execPath,
    [...start.args.slice(0, -1), ...(options.nodeArgs ?? []), main!],
    { ...process.env, ...(options.allocator === "inherited" ? {} : start.env), ...env, ...options.env },
    options.cpus,
    scheme,
  );
}

/** The image service as `npm start` runs it; `allocator: "inherited"` leaves malloc to the environment given (the soak compares them). */
export function startImageService(options: ServiceOptions = {}): Promise<RunningServer> {
  return startService("@pixelrpc/image-service", { IMAGE_GRPC_ADDR: "127.0.0.1:0" }, options);
}

export function startGateway(imageServiceAddress: string, options: ChildOptions = {}): Promise<RunningServer> {
  return startService("@pixelrpc/gateway", { GATEWAY_HTTP_ADDR: "127.0.0.1:0", IMAGE_SERVICE_TARGET: imageServiceAddress }, options, "http://");
}

export async function startNaiveServer(options: ChildOptions = {}): Promise<RunningServer> {
  const child = startChild("naive-server", {}, options);
  const { address } = await child.next<{ address: string }>(30_000);
  return {
    address,
    pid: child.pid,
    // Not finish(): requests queued behind jimp would keep its one event loop busy for seconds yet.
    stop: async () => void (await child.kill()),
  };
}
