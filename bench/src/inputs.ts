/**
 * The input images, made at bench time into a temporary directory: the
 * fixtures stay outside the repository (docs/development.md), and a
 * generated 12 MP image needs no storage at all.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { fixture, fixturesDir } from "@pixelrpc/harness";
import sharp from "sharp";

import type { BenchmarkWorkloadId, WorkloadId } from "./workloads.js";

export const PHOTO = "2569067123_aca715a2ee_o.jpg";
const TWELVE_MEGAPIXELS = 12_000_000;

export interface Inputs {
  /** The file each workload reads. */
  readonly paths: Readonly<Record<WorkloadId, string>>;
  readonly describe: Readonly<Record<BenchmarkWorkloadId, string>>;
  remove(): void;
}

async function describeFile(path: string): Promise<string> {
  const { width, height, format } = await sharp(path).metadata();
  return `${width}x${height} ${format!.toUpperCase()}, ${(statSync(path).size / 1024).toFixed(0)} KiB`;
}

export async function prepareInputs(): Promise<Inputs> {
  const dir = mkdtempSync(join(tmpdir(), "pixelrpc-bench-"));
  const photo = fixture(PHOTO);
  const { width, height } = await sharp(photo).metadata();
  // The same picture at 12 MP and the same aspect ratio, as a camera would save it.
  const scale = Math.sqrt(TWELVE_MEGAPIXELS / (width * height));
  const large = join(dir, "photo-12mp.jpg");
  writeFileSync(
    large,
    await sharp(photo)
      .resize(Math.round(width * scale))
      .jpeg({ quality: 90 })
      .toBuffer(),
  );
  const tiny = join(dir, "tiny-64.png");
  writeFileSync(tiny, await sharp(photo).resize(64, 64).png().toBuffer());
  const paths = { a: join(fixturesDir, PHOTO), b: large, c: tiny, soak: large };
  return {
    paths,
    describe: { a: await describeFile(paths.a), b: await describeFile(paths.b), c: await describeFile(paths.c) },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
