/**
 * What is measured: three workloads, each as every contender asks for it
 * (a TransformRequest for gRPC, a query string for the gateway; ceiling.ts
 * and naive-server.ts turn the same spec into sharp and jimp calls).
 */
import type { Format, TransformRequest, VariantsRequest } from "@pixelrpc/client";

/** The benchmark's workloads, and the memory soak's. */
export type WorkloadId = "a" | "b" | "c" | "soak";

export type BenchmarkWorkloadId = Exclude<WorkloadId, "soak">;

export type OutputName = "webp" | "avif" | "png" | "jpeg";

export interface Workload<Id extends WorkloadId = WorkloadId> {
  readonly id: Id;
  readonly title: string;
  /** Why this workload is here. */
  readonly point: string;
  readonly width: number;
  readonly format: OutputName;
  /** Undefined: the encoder's default. */
  readonly quality?: number;
  /** Undefined: the encoder's default. */
  readonly effort?: number;
  /**
   * Calls in flight per core, for every contender alike: enough that the
   * pool never idles while a result travels back and the next request
   * arrives; (c)'s calls are so short that only a deep pipeline hides the
   * round trips, (b)'s so long (seconds of AVIF encoding) that one per core
   * leaves a worker idle for well under 1% of the time.
   */
  readonly callsPerCore: number;
}

export const workloads: readonly Workload<BenchmarkWorkloadId>[] = [
  {
    id: "a",
    title: "photo to 800 wide WebP q80",
    point: "The standard web workload",
    width: 800,
    format: "webp",
    quality: 80,
    callsPerCore: 2,
  },
  {
    id: "b",
    title: "12 MP JPEG to 1600 wide AVIF",
    point: "Large messages and memory; AVIF encoding (sharp's default effort 4, seconds per image) dominates",
    width: 1600,
    format: "avif",
    callsPerCore: 1,
  },
  {
    id: "c",
    title: "64x64 PNG to 32x32 PNG",
    point: "Almost no pixel work: the per-call overhead",
    width: 32,
    format: "png",
    callsPerCore: 8,
  },
];

/**
 * The memory soak: the 12 MP JPEG to 1600 wide WebP, for minutes. WebP, not
 * (b)'s AVIF: encoding is four times faster, so a soak of a few minutes
 * makes far more 12 MP decodes, which is what fragments libvips' memory.
 */
export const soakWorkload: Workload<"soak"> = {
  id: "soak",
  title: "12 MP JPEG to 1600 wide WebP q80",
  point: "Many large decodes in a row",
  width: 1600,
  format: "webp",
  quality: 80,
  callsPerCore: 2,
};

/**
 * The workloads a run measures. A quick run (a smoke test of the bench
 * itself) encodes (b)'s AVIF at effort 2, a fifth of the default's time,
 * to stay well under a minute; its figures are not to be quoted.
 */
export function workloadsFor(quick: boolean): readonly Workload<BenchmarkWorkloadId>[] {
  return quick ? workloads.map((spec) => (spec.id === "b" ? { ...spec, effort: 2, title: `${spec.title} (effort 2: quick run)` } : spec)) : workloads;
}

const protoFormat: Record<OutputName, Format> = {
  webp: "FORMAT_WEBP",
  avif: "FORMAT_AVIF",
  png: "FORMAT_PNG",
  jpeg: "FORMAT_JPEG",
};

export function transformRequest(spec: Workload, image: Buffer): TransformRequest {
  return {
    image,
    operations: [{ resize: { width: spec.width } }],
    output: { format: protoFormat[spec.format], quality: spec.quality ?? 0, effort: spec.effort ?? 0 },
  };
}

/** The gateway's form of the same request (see services/gateway/src/transform-query.ts). */
export function httpQuery(spec: Workload): string {
  return new URLSearchParams({
    w: String(spec.width),
    format: spec.format,
    ...(spec.quality ? { q: String(spec.quality) } : {}),
    ...(spec.effort ? { effort: String(spec.effort) } : {}),
  }).toString();
}

/** The responsive set the Variants measurement asks for, from workload (a)'s photo. */
export const variantWidths = [320, 640, 1280] as const;
export const VARIANT_QUALITY = 80;

export function variantsRequest(image: Buffer): VariantsRequest {
  return {
    image,
    variants: variantWidths.map((width) => ({
      name: `w${width}`,
      operations: [{ resize: { width } }],
      output: { format: "FORMAT_WEBP", quality: VARIANT_QUALITY },
    })),
  };
}
