/**
 * `npm run bench -- profile <a|b|c> <grpc|gateway|naive>`: one load run of
 * a path with every process of it under node --cpu-prof (the service and
 * its worker threads, the gateway, the driver), then a summary of each
 * profile on stdout. The .cpuprofile files stay for Chrome DevTools.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describeProfile, summarizeProfiles } from "./cpu-profile.js";
import { prepareInputs } from "./inputs.js";
import type { Measurement } from "./load-loop.js";
import { Jobs, describeRun } from "./measure.js";
import { benchOptions } from "./options.js";
import { progress } from "./output.js";
import { startGateway, startImageService, startNaiveServer, type RunningServer } from "./servers.js";
import { workloads, type BenchmarkWorkloadId } from "./workloads.js";

const contenders = ["grpc", "gateway", "naive"] as const;

export async function profile([id = "a", contender = "grpc"]: readonly string[]): Promise<void> {
  const spec = workloads.find((candidate) => candidate.id === id);
  if (!spec || !contenders.includes(contender as (typeof contenders)[number])) {
    throw new Error(`usage: profile <${workloads.map((w) => w.id).join("|")}> <${contenders.join("|")}>`);
  }
  const options = benchOptions();
  const dir = mkdtempSync(join(tmpdir(), "pixelrpc-profile-"));
  const profiled = (name: string) => ({ nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${join(dir, name)}`] });
  const inputs = await prepareInputs();
  const jobs = new Jobs(spec, inputs.paths[id as BenchmarkWorkloadId], options, profiled("driver"));
  const processes = ["driver"];
  const started: RunningServer[] = [];
  let measurement: Measurement;
  progress(`profiling (${id}) ${spec.title} through ${contender}, ${options.seconds} s window; profiles in ${dir}`);
  try {
    if (contender === "naive") {
      const naive = await startNaiveServer(profiled("naive-server"));
      started.push(naive);
      processes.push("naive-server");
      measurement = await jobs.grpc(naive.address, jobs.loop({ service: naive.pid }));
    } else {
      const service = await startImageService(profiled("service"));
      started.push(service);
      processes.push("service");
      if (contender === "grpc") {
        measurement = await jobs.grpc(service.address, jobs.loop({ service: service.pid }));
      } else {
        const gateway = await startGateway(service.address, profiled("gateway"));
        started.unshift(gateway);
        processes.push("gateway");
        measurement = await jobs.http(gateway.address, jobs.loop({ service: service.pid, gateway: gateway.pid }));
      }
    }
  } finally {
    // In order, gateway first: each writes its profile as it exits.
    for (const server of started) await server.stop();
    inputs.remove();
  }
  progress(`${describeRun(measurement)}; ${measurement.allCalls} calls in all (warm-up included)`);
  const cpu = Object.entries(measurement.cpu)
    .map(
      ([name, reading]) =>
        `${name} ${(reading.totalMs / measurement.calls).toFixed(2)} ms/call${Number.isNaN(reading.mainThreadMs) ? "" : ` (main thread ${(reading.mainThreadMs / measurement.calls).toFixed(2)})`}`,
    )
    .join(", ");
  const sections = [
    `# Profile: (${id}) ${spec.title} through ${contender}`,
    "",
    `${describeRun(measurement)}. CPU in the window: ${cpu}.`,
    "",
    `Per-call figures below divide each whole-process profile by the ${measurement.allCalls} calls of the run (start-up is included).`,
    "",
  ];
  for (const name of processes) {
    for (const summary of summarizeProfiles(join(dir, name))) sections.push(`## ${name}, ${describeProfile(summary, measurement.allCalls)}`);
  }
  process.stdout.write(`${sections.join("\n")}\n`);
}
