/**
 * docs/benchmarks.md and docs/benchmarks.svg from a run's results: medians
 * over rounds, ratios to the ceiling taken within each round, every target
 * with PASS or MISS, and the hand-written findings kept from the last time.
 */
import { bestCeiling, type BenchResults, type LoadRun, type WorkloadRound } from "./results.js";
import type { Measurement } from "./load-loop.js";
import { barChart } from "./chart.js";
import { CALLER_NODE_FLAGS } from "./measure.js";
import { PLACEHOLDERS_ORIGIN, PLACEHOLDERS_SECTION } from "./placeholders.js";
import { SEED_ORIGIN, SEED_SECTION } from "./seed.js";
import { CACHE_ORIGIN, CACHE_SECTION } from "./cache.js";
import { MB, keptSection, mb, ms, percent, rate, ratio, table } from "./format.js";
import { readDoc, writeDoc } from "./output.js";
import { median, medianOf } from "./stats.js";
import { VARIANT_QUALITY, variantWidths, type BenchmarkWorkloadId as WorkloadId, type Workload } from "./workloads.js";

type ContenderKey = "ceiling" | "grpc" | "gateway" | "naive";

const contenders: readonly { key: ContenderKey; label: string; short: string; color: string }[] = [
  { key: "ceiling", label: "(1) ceiling: sharp in-process, no RPC", short: "ceiling", color: "#6b7280" },
  { key: "grpc", label: "(2) pixelrpc over gRPC", short: "pixelrpc gRPC", color: "#2563eb" },
  { key: "gateway", label: "(3) pixelrpc through the HTTP gateway", short: "pixelrpc gateway", color: "#0891b2" },
  { key: "naive", label: "(4) naive: jimp on a gRPC server's event loop", short: "naive jimp", color: "#dc2626" },
];

/** Undefined where a quick run left the contender out. */
const runOf = (round: WorkloadRound, key: ContenderKey): LoadRun | undefined => (key === "ceiling" ? bestCeiling(round).run : round[key]);

/** CPU per call in the window, by process: the client side (the driver, or the ceiling itself), the service, the gateway. */
function cpuPerCall(run: Measurement): { client: number; service: number; serviceMain: number; gateway: number; total: number; faults: number } {
  const per = (value: number | undefined): number => (value === undefined ? Number.NaN : value / run.calls);
  const { self, service, gateway } = run.cpu;
  const total = [self, service, gateway].reduce((sum, reading) => sum + (reading?.totalMs ?? 0), 0);
  return {
    client: per(self?.totalMs),
    service: per(service?.totalMs),
    serviceMain: per(service?.mainThreadMs),
    gateway: per(gateway?.totalMs),
    total: per(total),
    faults: per(service?.minorFaults),
  };
}

/** The share of the machine that processes other than the measured ones kept busy during the window. */
function foreignLoad(run: Measurement, cores: number): number {
  const ours = Object.values(run.cpu).reduce((sum, reading) => sum + reading.totalMs, 0);
  return Math.max(0, run.machineBusyMs - ours) / (cores * run.seconds * 1000);
}

class WorkloadSummary {
  readonly rounds: readonly WorkloadRound[];
  readonly spec: Workload<WorkloadId> | undefined;

  constructor(
    readonly id: WorkloadId,
    results: BenchResults,
  ) {
    this.rounds = results.rounds.flatMap((round) => round.workloads.filter((measured) => measured.workload === id));
    this.spec = results.workloads.find((spec) => spec.id === id);
  }

  get measured(): boolean {
    return this.rounds.length > 0;
  }

  /** The median over rounds of `field`; NaN where the contender was not measured. */
  of(key: ContenderKey, field: (run: LoadRun, round: WorkloadRound) => number): number {
    return medianOf(this.rounds, (round) => {
      const run = runOf(round, key);
      return run ? field(run, round) : Number.NaN;
    });
  }

  throughput(key: ContenderKey): number {
    return this.of(key, (run) => run.throughput);
  }

  /** Median over rounds of this contender's throughput over the same round's ceiling. */
  ratio(key: ContenderKey): number {
    return this.of(key, (run, round) => run.throughput / bestCeiling(round).run.throughput);
  }

  ratios(key: ContenderKey): number[] {
    return this.rounds.flatMap((round) => {
      const run = runOf(round, key);
      return run ? [run.throughput / bestCeiling(round).run.throughput] : [];
    });
  }

  range(key: ContenderKey, field: (run: LoadRun) => number): string {
    const values = this.rounds.flatMap((round) => {
      const run = runOf(round, key);
      return run ? [field(run)] : [];
    });
    return values.length > 1 ? `${rate(Math.min(...values))}–${rate(Math.max(...values))}` : "";
  }
}

interface Target {
  readonly name: string;
  readonly goal: string;
  readonly measured: string;
  /** "reported": a figure to report, with no goal; "skipped": not measured in this run (a quick run). */
  readonly pass: boolean | "reported" | "skipped";
}

function targets(summaries: Readonly<Record<WorkloadId, WorkloadSummary>>): Target[] {
  const list: Target[] = [];
  for (const id of ["a", "b"] as const) {
    const summary = summaries[id];
    if (!summary.measured) continue;
    for (const [key, goal] of [
      ["grpc", 0.92],
      ["gateway", 0.88],
    ] as const) {
      const value = summary.ratio(key);
      const name = `(${id}) ${key === "grpc" ? "pixelrpc over gRPC" : "pixelrpc through the gateway"}: throughput vs the ceiling`;
      list.push(
        Number.isFinite(value)
          ? { name, goal: `>= ${goal.toFixed(2)}x`, measured: `${ratio(value)} (rounds: ${summary.ratios(key).map(ratio).join(", ")})`, pass: value >= goal }
          : { name, goal: `>= ${goal.toFixed(2)}x`, measured: "not measured in this run", pass: "skipped" },
      );
    }
  }
  for (const id of ["a", "b"] as const) {
    const summary = summaries[id];
    if (!summary.measured) continue;
    // What the ratio would approach with the callers on other machines: pixel work over pixel work plus the service's own overhead.
    const inProcess = summary.of("ceiling", (run) => cpuPerCall(run).client);
    const service = summary.of("grpc", (run) => cpuPerCall(run).service);
    list.push({
      name: `(${id}) CPU per image, in-process sharp vs the image service (as if callers ran elsewhere)`,
      goal: "report it",
      measured: `${ratio(inProcess / service)} (${ms(inProcess)} vs ${ms(service)}; the service's includes answering the probe)`,
      pass: "reported",
    });
  }
  for (const id of ["a", "b"] as const) {
    const summary = summaries[id];
    if (!summary.measured) continue;
    const p99 = summary.of("grpc", (run) => run.health.p99);
    const idle = medianOf(summary.rounds, (round) => round.idleHealth.pixelrpc.p99);
    const times = summary.of("grpc", (run, round) => run.health.p99 / round.idleHealth.pixelrpc.p99);
    list.push({ name: `(${id}) health-check p99 on the saturated image service`, goal: "<= 10 ms", measured: ms(p99), pass: p99 <= 10 });
    list.push({
      name: `(${id}) health-check p99 saturated vs idle`,
      goal: "<= 3x idle p99",
      measured: `${ratio(times)} (idle p99 ${ms(idle)})`,
      pass: times <= 3,
    });
  }
  if (summaries.b.measured) {
    const peaks = summaries.b.rounds.map((round) => round.grpc.serverPeakRssBytes ?? Number.NaN);
    const worst = Math.max(...peaks);
    list.push({
      name: "(b) image service peak RSS under saturation",
      goal: "<= 600 MB",
      measured: `${mb(worst)} (worst round; median ${mb(median(peaks))})`,
      pass: worst <= 600 * MB,
    });
  }
  if (summaries.c.measured) {
    const c = summaries.c;
    const overhead = 1000 / c.throughput("grpc") - 1000 / c.throughput("ceiling");
    list.push({
      name: "(c) per-call overhead of gRPC over in-process sharp",
      goal: "report it",
      measured: `${ms(overhead)} of machine time per call (${rate(c.throughput("ceiling"))} vs ${rate(c.throughput("grpc"))} calls/s)`,
      pass: "reported",
    });
  }
  return list;
}

/** A section of the report: a heading, a paragraph, and what follows. */
const section = (heading: string, intro: string, ...body: string[]): string => [heading, "", intro, "", ...body, ""].join("\n");

const verdict = (pass: Target["pass"]): string => (pass === "reported" ? "REPORTED" : pass === "skipped" ? "–" : pass ? "**PASS**" : "**MISS**");

function chart(results: BenchResults, summaries: Readonly<Record<WorkloadId, WorkloadSummary>>): string {
  const groups = (["a", "b", "c"] as const)
    .filter((id) => summaries[id].measured)
    .map((id) => {
      const summary = summaries[id];
      return {
        title: `(${id}) ${summary.spec!.title}`,
        bars: contenders
          .filter(({ key }) => summary.ratios(key).length > 0)
          .map(({ key, short, color }) => ({
            label: short,
            value: key === "ceiling" ? 100 : 100 * summary.ratio(key),
            note: `${rate(summary.throughput(key))}/s${key === "ceiling" ? "" : `, ${ratio(summary.ratio(key))}`}`,
            color,
          })),
      };
    });
  return barChart({
    title: "pixelrpc throughput against in-process sharp",
    subtitle: `Images per second as a share of the ceiling, median of ${results.settings.rounds} round(s); ${results.machine.cores} cores, ${results.date.slice(0, 10)}`,
    groups,
    axisLabel: "% of the ceiling's throughput (same round)",
    axisMax: 110,
    markers: [
      { value: 88, label: "88%" },
      { value: 92, label: "92%" },
    ],
  });
}

function workloadSection(summary: WorkloadSummary, results: BenchResults): string {
  const spec = summary.spec!;
  const first = summary.rounds[0]!;
  const rows = contenders
    .filter(({ key }) => runOf(first, key))
    .map(({ key, label }) => {
      const cpu = (field: keyof ReturnType<typeof cpuPerCall>): number => summary.of(key, (run) => cpuPerCall(run)[field]);
      const service = key === "ceiling" ? "–" : `${ms(cpu("service"))} (${ms(cpu("serviceMain"))})`;
      return [
        label,
        String(runOf(first, key)!.concurrency),
        `**${rate(summary.throughput(key))}**`,
        summary.range(key, (run) => run.throughput),
        key === "ceiling" ? "1.00x" : ratio(summary.ratio(key)),
        ms(summary.of(key, (run) => run.latency.p50)),
        ms(summary.of(key, (run) => run.latency.p99)),
        ms(cpu("client")),
        service,
        key === "gateway" ? ms(cpu("gateway")) : "–",
        ms(cpu("total")),
      ];
    });
  const configs = results.ceilingConfigs.map((config) => {
    const runs = summary.rounds.flatMap((round) => round.ceiling.filter((tried) => tried.config.label === config.label).map((tried) => tried.run.throughput));
    const best = summary.rounds.filter((round) => bestCeiling(round).config.label === config.label).length;
    return [config.label, rate(median(runs)), String(runs.length), String(best)];
  });
  return [
    `### (${spec.id}) ${spec.title}`,
    "",
    `${spec.point}. Input: ${results.inputs[summary.id]}; output ${spec.width} wide ${spec.format.toUpperCase()}${spec.quality ? ` q${spec.quality}` : ""}.`,
    "",
    table(
      [
        "contender",
        "in flight",
        "images/s (median)",
        "range over rounds",
        "vs ceiling",
        "p50",
        "p99",
        "CPU/call: client",
        "service (main thread)",
        "gateway",
        "all",
      ],
      rows,
    ),
    "",
    "Ceiling configurations (sharp.cache(false) in all, as the service's workers). All are tried in the first round, and the best of them is that round's ceiling; later rounds run the first round's best only.",
    "",
    table(["configuration", "images/s (median)", "rounds run", "rounds best"], configs),
    "",
  ].join("\n");
}

function healthSection(summaries: readonly WorkloadSummary[]): string {
  const rows = summaries.flatMap((summary) => {
    const id = summary.id;
    const idle = (field: "p50" | "p99", server: "pixelrpc" | "naive"): string =>
      ms(medianOf(summary.rounds, (round) => round.idleHealth[server]?.[field] ?? Number.NaN));
    const during = (key: ContenderKey, field: "p50" | "p99" | "max"): string => ms(summary.of(key, (run) => run.health[field]));
    return [
      [`(${id})`, "image service, idle", idle("p50", "pixelrpc"), idle("p99", "pixelrpc"), "–"],
      [
        `(${id})`,
        "idle image service while the ceiling saturates the machine (control)",
        during("ceiling", "p50"),
        during("ceiling", "p99"),
        during("ceiling", "max"),
      ],
      [`(${id})`, "image service saturated over gRPC", during("grpc", "p50"), during("grpc", "p99"), during("grpc", "max")],
      [`(${id})`, "image service saturated through the gateway", during("gateway", "p50"), during("gateway", "p99"), during("gateway", "max")],
      [`(${id})`, "naive server, idle", idle("p50", "naive"), idle("p99", "naive"), "–"],
      [`(${id})`, "naive server saturated", during("naive", "p50"), during("naive", "p99"), during("naive", "max")],
    ];
  });
  return section(
    "## Health checks while saturated",
    "A `grpc.health.v1.Health/Check` every 10 ms from a process of its own (open loop: a stalled server shows the whole stall), during each measured window. The control row probes an idle image service while the ceiling fills the cores: what the machine alone does to a check.",
    table(["workload", "server", "p50", "p99", "max"], rows),
  );
}

function memorySection(summaries: readonly WorkloadSummary[]): string {
  const rows = summaries.map((summary) => [
    `(${summary.id}) ${summary.spec!.title}`,
    mb(medianOf(summary.rounds, (round) => bestCeiling(round).run.selfPeakRssBytes)),
    mb(medianOf(summary.rounds, (round) => round.grpc.serverPeakRssBytes ?? Number.NaN)),
    mb(Math.max(...summary.rounds.map((round) => round.grpc.serverPeakRssBytes ?? Number.NaN))),
    mb(medianOf(summary.rounds, (round) => round.naive?.serverPeakRssBytes ?? Number.NaN)),
  ]);
  return section(
    "## Peak memory",
    "VmHWM of the server process (from `/proc/<pid>/status`) at the end of its saturated gRPC run; a fresh server per workload and round. The ceiling's is its own process's peak. MB are 10^6 bytes.",
    table(["workload", "ceiling process", "image service (median)", "image service (worst round)", "naive server"], rows),
  );
}

function variantsSection(results: BenchResults): string {
  const all = (key: "ceiling" | "grpc" | "naive", field: "first" | "last"): number =>
    median(results.rounds.flatMap((round) => round.variants?.[key]?.[field] ?? []));
  const rows = [
    ["(1) sharp in-process, the three at once", ms(all("ceiling", "first")), ms(all("ceiling", "last"))],
    ["(2) pixelrpc `Variants`", ms(all("grpc", "first")), ms(all("grpc", "last"))],
    ["(4) naive server (jimp, one after another; JPEG, as jimp has no WebP)", ms(all("naive", "first")), ms(all("naive", "last"))],
  ];
  return section(
    "## Variants",
    `One call for ${variantWidths.join(", ")} wide WebP q${VARIANT_QUALITY} from the photo, on an idle server: when the first variant arrives and when the last does (median of every call of every round).`,
    table(["", "first variant", "last variant"], rows),
  );
}

function overheadSection(summary: WorkloadSummary): string {
  const keys = ["ceiling", "grpc", "gateway", "naive"] as const;
  const machineTime = (key: ContenderKey): number => 1000 / summary.throughput(key);
  const cpu = (key: ContenderKey): number => summary.of(key, (run) => cpuPerCall(run).total);
  const single = (key: "ceiling" | "grpc" | "gateway"): number => medianOf(summary.rounds, (round) => round.sequential?.[key].latency.p50 ?? Number.NaN);
  const rows = keys.map((key) => {
    const label = contenders.find((contender) => contender.key === key)!.label;
    const sequential = key === "naive" ? Number.NaN : single(key);
    return [
      label,
      rate(summary.throughput(key)),
      ms(machineTime(key)),
      key === "ceiling" ? "–" : ms(machineTime(key) - machineTime("ceiling")),
      ms(cpu(key)),
      Number.isFinite(sequential) ? ms(sequential) : "–",
      Number.isFinite(sequential) && key !== "ceiling" ? ms(sequential - single("ceiling")) : "–",
    ];
  });
  return section(
    "## Per-call overhead (workload c)",
    "With almost no pixel work, what each path costs per call. Machine time per call is 1 / throughput with every core busy; CPU per call adds up every process of the path (driver, service, gateway); the last columns are one call at a time, unloaded.",
    table(["path", "calls/s", "machine time per call", "overhead vs ceiling", "CPU per call, all processes", "latency one at a time (p50)", "overhead"], rows),
  );
}

function noiseSection(results: BenchResults): string {
  const rows = results.rounds.map((round, index) => {
    const loads = round.workloads.flatMap((measured) =>
      contenders.flatMap(({ key }) => {
        const run = runOf(measured, key);
        return run ? [foreignLoad(run, results.machine.cores)] : [];
      }),
    );
    return [String(index + 1), percent(median(loads)), percent(Math.max(...loads))];
  });
  return section(
    "## Noise",
    "The share of the machine that other processes kept busy during the measured windows (the whole machine's busy time from `/proc/stat`, less the measured processes'; the health probe and the orchestrator count as others, a few percent). This machine is shared: a round with much foreign load is the reason for medians.",
    table(["round", "median window", "worst window"], rows),
  );
}

const findingsPlaceholder =
  "No findings recorded yet: run `npm run bench -- profile <a|b|c> <grpc|gateway|naive>` where a target is missed, and write what the profiles show here.";

const method = `## How it is measured

- **One command, one machine, one run.** Each round runs every contender on a workload back to back (ceiling, gRPC, gateway, naive), so a noisy neighbour hits one round of all of them rather than every round of one; each ratio to the ceiling is taken within its round, and the tables quote medians over rounds.
- **Closed loop.** Each contender keeps the same number of calls in flight (the "in flight" column): each caller starts its next call as soon as its last returns. A warm-up is discarded; the measured window starts and ends on a completion, so it holds whole intervals between completions, and stretches until it holds at least 4 calls (jimp is slow).
- **Processes.** The ceiling, each load driver, the health probe and the naive server run in processes of their own; the image service and the gateway are their built entry points (\`services/*/dist/main.js\`), started as \`npm start\` starts them: with the node flags of its start script (the gateway's \`--initial-old-space-size=128\`) and what it adds to the environment (\`MALLOC_ARENA_MAX=2\`). Drivers use \`@pixelrpc/client\` (gRPC) and \`node:http\` with keep-alive (gateway). The ceiling and the drivers run with \`${CALLER_NODE_FLAGS.join(" ")}\`: load generation should take as little of the shared cores as it can, and in a driver's heap of a few MB V8 otherwise runs a full garbage collection every few calls, for the Buffers each call allocates.
- **The ceiling** is sharp called in-process with the service worker's settings (\`cache(false)\`), in the configurations listed per workload; the best of them in each round is that round's ceiling.
- **The naive server** runs jimp 1.x in its gRPC handler, on its one event loop, with the same proto and loader as pixelrpc. jimp encodes neither WebP nor AVIF: (a) and (b) get JPEG q80 from it instead, which flatters it (JPEG encodes much faster than AVIF); Variants likewise.
- **CPU per call** comes from \`/proc/<pid>/stat\` of each process (and \`process.resourceUsage()\` of the driver) over the window; "main thread" is the service's event loop.
- **Latency** percentiles are nearest-rank over the calls completed in the window; with a few calls per window, p99 is the slowest of them.
`;

export function writeBenchmarkReport(results: BenchResults): void {
  const summaries = Object.fromEntries((["a", "b", "c"] as const).map((id) => [id, new WorkloadSummary(id, results)])) as Record<WorkloadId, WorkloadSummary>;
  const measured = Object.values(summaries).filter((summary) => summary.measured);
  const list = targets(summaries);
  const { machine, settings } = results;
  const previous = readDoc("benchmarks.md");
  const document = [
    "# Benchmarks",
    "",
    `Generated by \`npm run bench\` (bench/) on ${results.date.slice(0, 16).replace("T", " ")} UTC: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, sharp ${machine.sharp} with libvips ${machine.libvips}; ${settings.rounds} round(s), ${settings.seconds} s windows${settings.quick ? " (quick mode: a smoke run, not figures to quote)" : ""}; the run took ${Math.round(results.durationSeconds / 60)} min. Load average at the start: ${machine.loadAverage.map((load) => load.toFixed(2)).join(", ")}. Raw figures: [benchmarks.json](benchmarks.json).`,
    "",
    "![Throughput of each contender as a share of in-process sharp](benchmarks.svg)",
    "",
    "## Targets",
    "",
    table(
      ["target", "goal", "measured (median over rounds)", "result"],
      list.map((target) => [target.name, target.goal, target.measured, verdict(target.pass)]),
    ),
    "",
    "## Findings",
    "",
    keptSection(previous, "findings", findingsPlaceholder),
    "",
    "## Throughput and latency",
    "",
    "Latency is per call at that many calls in flight, so it includes queueing: compare it between contenders of one workload, which all have the same number in flight. CPU per call: the client is the load driver's process (for the ceiling, the ceiling process itself, every thread); the service's main thread is its event loop.",
    "",
    ...measured.map((summary) => workloadSection(summary, results)),
    healthSection(measured),
    memorySection(measured),
    ...(results.rounds.some((round) => round.variants) ? [variantsSection(results)] : []),
    "## Placeholders",
    "",
    keptSection(previous, PLACEHOLDERS_SECTION, "Not measured yet: run `npm run bench -- placeholders`.", PLACEHOLDERS_ORIGIN),
    "",
    "## The question pixelrpc was built for",
    "",
    keptSection(previous, SEED_SECTION, "Not measured yet: run `npm run bench -- seed`.", SEED_ORIGIN),
    "",
    "## Result cache",
    "",
    keptSection(previous, CACHE_SECTION, "Not measured yet: run `npm run bench -- cache`.", CACHE_ORIGIN),
    "",
    ...(summaries.c.measured ? [overheadSection(summaries.c)] : []),
    noiseSection(results),
    method,
  ].join("\n");
  writeDoc("benchmarks.md", document);
  writeDoc("benchmarks.svg", chart(results, summaries));
}
