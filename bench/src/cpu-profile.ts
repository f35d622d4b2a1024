/**
 * Reads V8 .cpuprofile files (node --cpu-prof) and says where the time
 * went: the top functions by self time, and self time by package or area,
 * the figures the findings in docs/benchmarks.md quote.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
}

export interface ProfileSummary {
  readonly file: string;
  /** Thread id from the file name: 0 is the main thread (the event loop), others are workers. */
  readonly thread: number;
  /** Milliseconds sampled, idle included. */
  readonly sampledMs: number;
  /** Milliseconds not idle. */
  readonly busyMs: number;
  readonly top: readonly { readonly frame: string; readonly ms: number }[];
  readonly areas: readonly { readonly area: string; readonly ms: number }[];
}

const MARKERS = new Set(["(idle)", "(program)", "(garbage collector)", "(root)"]);

/** Where a frame comes from: a package, a pixelrpc package, Node itself, or one of V8's markers. */
function areaOf({ functionName, url }: ProfileNode["callFrame"]): string {
  if (MARKERS.has(functionName)) return functionName;
  if (url.startsWith("node:")) return "node internals";
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1]!;
  const workspace =
    /\/work\/[^/]+\/(services\/[^/]+|clients\/[^/]+|proto|bench|test)\//.exec(url) ?? /\/(services\/[^/]+|clients\/[^/]+|proto|bench|test)\//.exec(url);
  if (workspace) return `pixelrpc ${workspace[1]}`;
  return url === "" ? "native / builtins" : "other";
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^file:\/\/.*?node_modules\//, "").replace(/^file:\/\/\/work\/[^/]+\//, "");
  return `${functionName || "(anonymous)"}${where ? ` ${where}:${lineNumber + 1}` : ""}`;
}

export function summarizeProfile(path: string, topCount = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const sampledMs = (profile.endTime - profile.startTime) / 1000;
  const perSample = sampledMs / Math.max(1, profile.samples.length);
  const byFrame = new Map<string, number>();
  const byArea = new Map<string, number>();
  let idleMs = 0;
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * perSample;
    if (ms === 0) continue;
    if (node.callFrame.functionName === "(idle)") idleMs += ms;
    const area = areaOf(node.callFrame);
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
    if (!MARKERS.has(node.callFrame.functionName)) byFrame.set(frameName(node), (byFrame.get(frameName(node)) ?? 0) + ms);
  }
  const sorted = <K extends string>(map: Map<string, number>, key: K, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, ms]) => ({ [key]: name, ms }) as { [P in K]: string } & { ms: number });
  const thread = Number(/\.(\d+)\.\d+\.cpuprofile$/.exec(path)?.[1] ?? 0);
  return { file: path, thread, sampledMs, busyMs: sampledMs - idleMs, top: sorted(byFrame, "frame", topCount), areas: sorted(byArea, "area", 12) };
}

export function summarizeProfiles(dir: string): ProfileSummary[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".cpuprofile"))
    .map((name) => summarizeProfile(join(dir, name)))
    .sort((a, b) => a.thread - b.thread);
}

/** A summary as Markdown, with each figure also per call. */
export function describeProfile(summary: ProfileSummary, calls: number): string {
  const perCall = (ms: number): string =>
    `${ms.toFixed(0)} ms (${((ms / calls) * 1000).toFixed(0)} µs/call, ${((100 * ms) / summary.busyMs).toFixed(1)}% of busy)`;
  return [
    `thread ${summary.thread === 0 ? "0 (main: the event loop)" : `${summary.thread} (worker)`}: sampled ${summary.sampledMs.toFixed(0)} ms, busy ${perCall(summary.busyMs)}`,
    "",
    "| self time by area | |",
    "|---|---|",
    ...summary.areas.filter(({ area }) => area !== "(idle)").map(({ area, ms }) => `| ${area} | ${perCall(ms)} |`),
    "",
    "| top functions by self time | |",
    "|---|---|",
    ...summary.top.map(({ frame, ms }) => `| \`${frame.replace(/\|/g, "\\|")}\` | ${perCall(ms)} |`),
    "",
  ].join("\n");
}
