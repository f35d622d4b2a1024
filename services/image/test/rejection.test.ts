import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { loadConfig } from "../src/process/config.js";
import { ImageRejection, describeLibvipsFailure, rejectionFrom } from "../src/worker/rejection.js";

describe("rejectionFrom", () => {
  it("names the step where libvips failed", () => {
    const rejection = rejectionFrom(new Error("Image to trim must be at least 3x3 pixels"), "operations[1].trim", 60);
    assert.equal(rejection.code, "INVALID_ARGUMENT");
    assert.equal(rejection.message, "cannot process image at operations[1].trim: Image to trim must be at least 3x3 pixels");
  });

  it("reports a sharp timeout as RESOURCE_EXHAUSTED with the limit", () => {
    const rejection = rejectionFrom(new Error('timeout: 12% complete\nVipsImage: killed for image "temp-50"'), "operations[0].blur", 7);
    assert.equal(rejection.code, "RESOURCE_EXHAUSTED");
    assert.equal(rejection.message, "processing took longer than this service's limit of 7 s (or the call's deadline)");
  });

  it("reports libvips running out of memory as RESOURCE_EXHAUSTED, not as the caller's mistake", () => {
    const rejection = rejectionFrom(new Error("vips_tracked: out of memory -- size == 28610MB"), "operations[0].resize", 60);
    assert.equal(rejection.code, "RESOURCE_EXHAUSTED");
    assert.match(rejection.message, /^not enough memory to process this image: /);
  });

  it("passes rejections through and rethrows programming errors", () => {
    const rejection = new ImageRejection("already explained", "CANCELLED");
    assert.equal(rejectionFrom(rejection, "operations[0].flip", 60), rejection);
    const bug = new TypeError("cannot read properties of undefined");
    assert.throws(
      () => rejectionFrom(bug, undefined, 60),
      (error: unknown) => error === bug,
    );
  });

  it("keeps each distinct libvips line once, without internal target names", () => {
    const error = new Error("VipsJpeg: premature end of JPEG image\nVipsJpeg: premature end of JPEG image\nvips2png: unable to write to target target\n");
    assert.equal(describeLibvipsFailure(error), "VipsJpeg: premature end of JPEG image");
  });
});

describe("IMAGE_MAX_PROCESSING_SECONDS", () => {
  it("defaults to 60 and takes 1 to 3600", () => {
    assert.equal(loadConfig({}).maxProcessingSeconds, 60);
    assert.equal(loadConfig({ IMAGE_MAX_PROCESSING_SECONDS: "1" }).maxProcessingSeconds, 1);
    assert.equal(loadConfig({ IMAGE_MAX_PROCESSING_SECONDS: "3600" }).maxProcessingSeconds, 3600);
    for (const raw of ["0", "3601", "1.5", "soon"]) {
      assert.throws(() => loadConfig({ IMAGE_MAX_PROCESSING_SECONDS: raw }), /IMAGE_MAX_PROCESSING_SECONDS must be a whole number from 1 to 3600/);
    }
  });
});
