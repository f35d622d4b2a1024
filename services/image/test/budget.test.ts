import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { OutputFormat } from "@pixelrpc/proto";

import { MAX_BUDGET_ENCODES, highestFitting } from "../src/worker/budget.js";

/** The standard photo at 800 wide, WebP, bytes by quality (measured), filled in between by interpolation: a real curve's shape. */
const webpPhoto: readonly [number, number][] = [
  [1, 7156],
  [10, 12284],
  [20, 16598],
  [40, 25878],
  [60, 35728],
  [80, 54846],
  [90, 98014],
  [100, 213990],
];

function curve(points: readonly [number, number][]): (quality: number) => number {
  return (quality) => {
    const upper = points.findIndex(([q]) => q >= quality);
    const [q1, b1] = points[Math.max(0, upper - 1)]!;
    const [q2, b2] = points[upper]!;
    return q2 === q1 ? b2 : Math.round(b1 + ((b2 - b1) * (quality - q1)) / (q2 - q1));
  };
}

/** Runs the search over `size`, counting encodes and checking none is asked twice or out of range. */
async function search(size: (quality: number) => number, budget: number, ceiling: number, format: OutputFormat = "FORMAT_WEBP") {
  const asked: number[] = [];
  const found = await highestFitting(budget, ceiling, format, async (quality) => {
    assert.ok(Number.isInteger(quality) && quality >= 1 && quality <= ceiling, `asked for quality ${quality}`);
    assert.ok(!asked.includes(quality), `asked for quality ${quality} twice`);
    asked.push(quality);
    return { quality, bytes: size(quality), result: quality };
  });
  return { found, asked };
}

describe("highestFitting", () => {
  it("takes one encode when the ceiling fits", async () => {
    const { found, asked } = await search(curve(webpPhoto), 60_000, 80);
    assert.deepEqual(asked, [80]);
    assert.equal(found.fits && found.quality, 80);
  });

  it("finds a quality that fits next to one that does not, for every budget, within the bound", async () => {
    const size = curve(webpPhoto);
    const counts: number[] = [];
    for (const ceiling of [100, 80, 50, 2]) {
      for (let budget = size(1); budget < size(ceiling); budget += 97) {
        const { found, asked } = await search(size, budget, ceiling);
        assert.ok(found.fits, `budget ${budget}`);
        assert.ok(size(found.quality) <= budget, `budget ${budget}: quality ${found.quality} is ${size(found.quality)} bytes`);
        assert.ok(size(found.quality + 1) > budget, `budget ${budget}: quality ${found.quality + 1} fits too`);
        assert.ok(asked.includes(found.quality + 1), `budget ${budget}: the step higher was never encoded`);
        assert.ok(asked.length <= MAX_BUDGET_ENCODES, `budget ${budget}, ceiling ${ceiling}: ${asked.length} encodes`);
        counts.push(asked.length);
      }
    }
    // Interpolation is what makes it better than halving (7 or 8 encodes from 100): most budgets take at most 5.
    counts.sort((a, b) => a - b);
    assert.ok(counts[Math.floor(counts.length / 2)]! <= 5, `median ${counts[Math.floor(counts.length / 2)]} encodes`);
  });

  it("stays within the bound where size does not grow with quality, and still ends next to a step that does not fit", async () => {
    // A saw tooth: every fifth quality is smaller than the one before it.
    const size = (quality: number): number => 1000 + quality * 100 - (quality % 5 === 0 ? 350 : 0);
    for (let budget = size(1); budget < size(100); budget += 37) {
      const { found, asked } = await search(size, budget, 100);
      assert.ok(asked.length <= MAX_BUDGET_ENCODES, `budget ${budget}: ${asked.length} encodes`);
      assert.ok(found.fits && size(found.quality) <= budget && size(found.quality + 1) > budget, `budget ${budget}: quality ${found.quality}`);
    }
  });

  it("says when even quality 1 does not fit, with that encode", async () => {
    const { found, asked } = await search(curve(webpPhoto), 5000, 80);
    assert.equal(found.fits, false);
    assert.equal(found.quality, 1);
    assert.equal(found.bytes, 7156);
    assert.ok(asked.length <= MAX_BUDGET_ENCODES);
  });
});
