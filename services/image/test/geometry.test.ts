import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { checkExtractRegion, largestSizeDuring, pixelLimitExcess, sizeAfter, type Size } from "../src/worker/geometry.js";
import { ImageRejection } from "../src/worker/rejection.js";
import { blur, extend, extract, flatten, flip, flop, grayscale, resize, rotate, sharpen, trim } from "./factories.js";

const size = (width: number, height: number): Size => ({ width, height });

/** A 400x200 landscape image: aspect ratio 2. */
const LANDSCAPE = size(400, 200);

describe("sizeAfter: resize with one side", () => {
  it("derives the height from the width, keeping the aspect ratio", () => {
    assert.deepEqual(sizeAfter(resize({ width: 100 }), LANDSCAPE), size(100, 50));
    assert.deepEqual(sizeAfter(resize({ width: 800 }), LANDSCAPE), size(800, 400));
  });

  it("derives the width from the height, keeping the aspect ratio", () => {
    assert.deepEqual(sizeAfter(resize({ height: 50 }), LANDSCAPE), size(100, 50));
    assert.deepEqual(sizeAfter(resize({ height: 1000 }), LANDSCAPE), size(2000, 1000));
  });

  it("rounds the derived side to the nearest pixel", () => {
    // 333 * 200 / 400 = 166.5 -> 167; 100 * 3 / 7 = 42.86 -> 43
    assert.deepEqual(sizeAfter(resize({ width: 333 }), LANDSCAPE), size(333, 167));
    assert.deepEqual(sizeAfter(resize({ width: 100 }), size(7, 3)), size(100, 43));
    assert.deepEqual(sizeAfter(resize({ height: 100 }), size(3, 7)), size(43, 100));
  });

  it("never derives a side of 0", () => {
    assert.deepEqual(sizeAfter(resize({ width: 1 }), size(10_000, 1)), size(1, 1));
    assert.deepEqual(sizeAfter(resize({ height: 1 }), size(1, 10_000)), size(1, 1));
  });

  it("derives the other side the same way for every fit but FIT_FILL", () => {
    for (const fit of ["FIT_UNSPECIFIED", "FIT_COVER", "FIT_CONTAIN", "FIT_INSIDE", "FIT_OUTSIDE"] as const) {
      assert.deepEqual(sizeAfter(resize({ width: 100, fit }), LANDSCAPE), size(100, 50), fit);
      assert.deepEqual(sizeAfter(resize({ height: 100, fit }), LANDSCAPE), size(200, 100), fit);
    }
  });

  it("FIT_FILL with one side stretches that side and keeps the other (as sharp does: 40x480 to width 1 is 1x480)", () => {
    assert.deepEqual(sizeAfter(resize({ width: 100, fit: "FIT_FILL" }), LANDSCAPE), size(100, 200));
    assert.deepEqual(sizeAfter(resize({ height: 100, fit: "FIT_FILL" }), LANDSCAPE), size(400, 100));
  });
});

describe("sizeAfter: resize with both sides", () => {
  it("gives exactly the box for cover, contain, fill and unspecified (cover)", () => {
    for (const fit of ["FIT_UNSPECIFIED", "FIT_COVER", "FIT_CONTAIN", "FIT_FILL"] as const) {
      assert.deepEqual(sizeAfter(resize({ width: 300, height: 300, fit }), LANDSCAPE), size(300, 300), fit);
      assert.deepEqual(sizeAfter(resize({ width: 10, height: 5000, fit }), LANDSCAPE), size(10, 5000), fit);
    }
  });

  it("fits inside the box for FIT_INSIDE: the smaller scale wins", () => {
    assert.deepEqual(sizeAfter(resize({ width: 300, height: 300, fit: "FIT_INSIDE" }), LANDSCAPE), size(300, 150));
    assert.deepEqual(sizeAfter(resize({ width: 1000, height: 250, fit: "FIT_INSIDE" }), LANDSCAPE), size(500, 250));
    assert.deepEqual(sizeAfter(resize({ width: 800, height: 400, fit: "FIT_INSIDE" }), LANDSCAPE), size(800, 400));
  });

  it("covers the box for FIT_OUTSIDE: the larger scale wins", () => {
    assert.deepEqual(sizeAfter(resize({ width: 300, height: 300, fit: "FIT_OUTSIDE" }), LANDSCAPE), size(600, 300));
    assert.deepEqual(sizeAfter(resize({ width: 1000, height: 250, fit: "FIT_OUTSIDE" }), LANDSCAPE), size(1000, 500));
  });

  it("never gives a side of 0 for FIT_INSIDE", () => {
    assert.deepEqual(sizeAfter(resize({ width: 1, height: 1, fit: "FIT_INSIDE" }), size(10_000, 1)), size(1, 1));
  });
});

describe("sizeAfter: resize with without_enlargement or without_reduction", () => {
  // What sharp 0.35 really produced for a 1000x600 source (fit, box, result);
  // sizeAfter must never be below it, or the pixel limit could be dodged.
  const SOURCE = size(1000, 600);
  type Case = [fit: "FIT_COVER" | "FIT_CONTAIN" | "FIT_FILL" | "FIT_INSIDE" | "FIT_OUTSIDE", width: number, height: number, result: Size];
  const withoutEnlargement: Case[] = [
    ["FIT_COVER", 4000, 0, size(1000, 600)],
    ["FIT_COVER", 2000, 100, size(1000, 100)],
    ["FIT_COVER", 500, 1200, size(500, 600)],
    ["FIT_CONTAIN", 4000, 0, size(4000, 600)],
    ["FIT_CONTAIN", 2000, 100, size(2000, 100)],
    ["FIT_FILL", 2000, 100, size(1000, 100)],
    ["FIT_INSIDE", 2000, 100, size(167, 100)],
    ["FIT_INSIDE", 3000, 3000, size(1000, 600)],
    ["FIT_OUTSIDE", 500, 1200, size(1000, 600)],
  ];
  const withoutReduction: Case[] = [
    ["FIT_COVER", 2000, 100, size(2000, 100)],
    ["FIT_CONTAIN", 2000, 100, size(2000, 600)],
    ["FIT_CONTAIN", 100, 2000, size(1000, 2000)],
    ["FIT_FILL", 4000, 0, size(4000, 600)],
    ["FIT_FILL", 2000, 100, size(2000, 600)],
    ["FIT_INSIDE", 2000, 100, size(1000, 600)],
    ["FIT_OUTSIDE", 100, 2000, size(3333, 2000)],
  ];

  for (const [flag, cases] of [
    ["withoutEnlargement", withoutEnlargement],
    ["withoutReduction", withoutReduction],
  ] as const) {
    for (const [fit, width, height, result] of cases) {
      it(`${flag} ${fit} ${width}x${height} bounds sharp's ${result.width}x${result.height}`, () => {
        const bound = sizeAfter(resize({ width, height, fit, [flag]: true }), SOURCE);
        assert.ok(bound.width >= result.width && bound.height >= result.height, `${bound.width}x${bound.height}`);
      });
    }
  }

  it("without_enlargement does not refuse a tall image asked for a wider size", () => {
    assert.deepEqual(sizeAfter(resize({ width: 4000, withoutEnlargement: true }), size(1000, 6000)), size(1000, 6000));
  });

  it("without_reduction counts the side it keeps", () => {
    assert.deepEqual(sizeAfter(resize({ width: 1, height: 65535, fit: "FIT_FILL", withoutReduction: true }), size(7000, 7000)), size(7000, 65535));
  });
});

describe("sizeAfter: rotate", () => {
  it("keeps the size for multiples of 180 degrees", () => {
    for (const angle of [0, 180, -180, 360, 540, -720, 360_000]) {
      assert.deepEqual(sizeAfter(rotate({ angle }), LANDSCAPE), LANDSCAPE, `angle ${angle}`);
    }
  });

  it("swaps width and height for odd quarter turns, either way round", () => {
    for (const angle of [90, 270, -90, -270, 450, -450]) {
      assert.deepEqual(sizeAfter(rotate({ angle }), LANDSCAPE), size(200, 400), `angle ${angle}`);
    }
  });

  it("grows the canvas to the rotated bounding box for other angles", () => {
    // A square turned 45 degrees: its diagonal, 100 * sqrt(2) = 141.42 -> 142 each way.
    assert.deepEqual(sizeAfter(rotate({ angle: 45 }), size(100, 100)), size(142, 142));
    // 400x200 at 45 degrees: (400 + 200) / sqrt(2) = 424.26 -> 425 each way.
    assert.deepEqual(sizeAfter(rotate({ angle: 45 }), LANDSCAPE), size(425, 425));
    assert.deepEqual(sizeAfter(rotate({ angle: -45 }), LANDSCAPE), size(425, 425));
    assert.deepEqual(sizeAfter(rotate({ angle: 135 }), LANDSCAPE), size(425, 425));
  });

  it("uses the right sides for an angle that is not symmetric", () => {
    // 30 degrees: w' = 400 cos30 + 200 sin30 = 446.41 -> 447; h' = 400 sin30 + 200 cos30 = 373.21 -> 374
    assert.deepEqual(sizeAfter(rotate({ angle: 30 }), LANDSCAPE), size(447, 374));
    // 60 degrees swaps the roles of sin and cos: w' = 200 + 173.21 -> 374; h' = 346.41 + 100 -> 447
    assert.deepEqual(sizeAfter(rotate({ angle: 60 }), LANDSCAPE), size(374, 447));
  });

  it("never shrinks the canvas for a small non-quarter angle", () => {
    const after = sizeAfter(rotate({ angle: 0.5 }), LANDSCAPE);
    assert.ok(after.width >= LANDSCAPE.width && after.height >= LANDSCAPE.height, JSON.stringify(after));
  });
});

describe("sizeAfter: extend, extract and size-preserving operations", () => {
  it("adds extend's edges to each side", () => {
    assert.deepEqual(sizeAfter(extend({ top: 1, right: 20, bottom: 300, left: 4000 }), LANDSCAPE), size(400 + 4000 + 20, 200 + 1 + 300));
    assert.deepEqual(sizeAfter(extend(), LANDSCAPE), LANDSCAPE);
  });

  it("gives extract's region, wherever it lies", () => {
    assert.deepEqual(sizeAfter(extract({ left: 10, top: 20, width: 30, height: 40 }), LANDSCAPE), size(30, 40));
  });

  it("keeps the size for flip, flop, blur, sharpen, grayscale, trim and flatten", () => {
    for (const op of [flip(), flop(), blur({ sigma: 3 }), sharpen({ sigma: 1 }), grayscale(), trim({ threshold: 20 }), flatten()]) {
      assert.deepEqual(sizeAfter(op, LANDSCAPE), LANDSCAPE, op.operation);
    }
  });
});

describe("largestSizeDuring", () => {
  it("counts the whole covering image that FIT_COVER scales to before it crops", () => {
    // 100x1 covering a 1x3000 box: scaled to 300000x3000, then cropped to 1x3000.
    const smartCrop = resize({ width: 1, height: 3000, position: "POSITION_ATTENTION" });
    assert.deepEqual(sizeAfter(smartCrop, size(100, 1)), size(1, 3000));
    assert.deepEqual(largestSizeDuring(smartCrop, size(100, 1)), size(300_000, 3000));
    assert.deepEqual(largestSizeDuring(resize({ width: 1, height: 3000 }), size(100, 1)), size(300_000, 3000));
  });

  it("is the result's size where nothing larger is held", () => {
    assert.deepEqual(largestSizeDuring(resize({ width: 100, height: 100, fit: "FIT_CONTAIN" }), LANDSCAPE), size(100, 100));
    assert.deepEqual(largestSizeDuring(resize({ width: 100 }), LANDSCAPE), size(100, 50));
    assert.deepEqual(largestSizeDuring(extend({ right: 10 }), LANDSCAPE), size(410, 200));
  });

  it("without_enlargement keeps the covering image from growing", () => {
    assert.deepEqual(largestSizeDuring(resize({ width: 1, height: 3000, withoutEnlargement: true }), size(100, 1)), size(100, 1));
  });
});

describe("checkExtractRegion", () => {
  const assertOutside = (region: Parameters<typeof extract>[0], image: Size, message: string): void => {
    assert.throws(
      () => checkExtractRegion(extract(region), image, "operations[3]"),
      (error: unknown) => {
        assert.ok(error instanceof ImageRejection, `expected an ImageRejection, got ${String(error)}`);
        assert.equal(error.name, "ImageRejection");
        assert.equal(error.message, message);
        return true;
      },
    );
  };

  it("accepts regions inside the image, up to and including its edges", () => {
    assert.doesNotThrow(() => checkExtractRegion(extract({ width: 400, height: 200 }), LANDSCAPE, "operations[0]"));
    assert.doesNotThrow(() => checkExtractRegion(extract({ left: 399, top: 199, width: 1, height: 1 }), LANDSCAPE, "operations[0]"));
    assert.doesNotThrow(() => checkExtractRegion(extract({ left: 100, top: 50, width: 300, height: 150 }), LANDSCAPE, "operations[0]"));
  });

  it("refuses a region that runs past the right edge, naming the step and both sizes", () => {
    assertOutside(
      { left: 1, top: 0, width: 400, height: 200 },
      LANDSCAPE,
      "operations[3].extract: the region 400x200 at (1, 0) is outside the 400x200 image at that step",
    );
  });

  it("refuses a region that runs past the bottom edge", () => {
    assertOutside(
      { left: 0, top: 150, width: 10, height: 51 },
      LANDSCAPE,
      "operations[3].extract: the region 10x51 at (0, 150) is outside the 400x200 image at that step",
    );
  });

  it("refuses a region that starts beyond the image", () => {
    assertOutside(
      { left: 4294967295, top: 4294967295, width: 1, height: 1 },
      LANDSCAPE,
      "operations[3].extract: the region 1x1 at (4294967295, 4294967295) is outside the 400x200 image at that step",
    );
  });

  it("ignores operations other than extract", () => {
    assert.doesNotThrow(() => checkExtractRegion(resize({ width: 100_000 }), size(1, 1), "operations[0]"));
    assert.doesNotThrow(() => checkExtractRegion(extend({ left: 5 }), size(1, 1), "operations[0]"));
  });
});

describe("pixelLimitExcess", () => {
  it("returns undefined within the limit, the limit itself included", () => {
    assert.equal(pixelLimitExcess(size(1, 1), 1), undefined);
    assert.equal(pixelLimitExcess(size(10_000, 5_000), 50_000_000), undefined);
    assert.equal(pixelLimitExcess(size(100, 100), 50_000_000), undefined);
  });

  it("describes the size, its megapixels and the limit when over it", () => {
    assert.equal(pixelLimitExcess(size(20_000, 14_000), 50_000_000), "20000x14000 pixels (280.0 megapixels), over this service's limit of 50.0 megapixels");
    assert.ok(pixelLimitExcess(size(10_001, 5_000), 50_000_000)?.startsWith("10001x5000 pixels ("));
  });

  it("rounds megapixels to one decimal place", () => {
    assert.equal(pixelLimitExcess(size(3000, 1234), 1_500_000), "3000x1234 pixels (3.7 megapixels), over this service's limit of 1.5 megapixels");
    // 12345 x 6789 = 83,810,205 pixels -> 83.8
    assert.equal(pixelLimitExcess(size(12345, 6789), 50_000_000), "12345x6789 pixels (83.8 megapixels), over this service's limit of 50.0 megapixels");
  });

  it("handles the largest sizes without overflow", () => {
    assert.equal(pixelLimitExcess(size(65535, 65535), 2 ** 32), undefined);
    assert.equal(
      pixelLimitExcess(size(65535 * 3, 65535 * 3), 2 ** 32),
      "196605x196605 pixels (38653.5 megapixels), over this service's limit of 4295.0 megapixels",
    );
  });
});
