import sharp from "sharp";

/**
 * sharp's process-wide settings, the same in every thread and process that
 * computes pixels. The pool runs one image per worker and one worker per
 * core, so libvips gets one thread per image: more would only make the
 * images fight for the cores.
 */
export function configureSharp(): void {
  sharp.concurrency(1);
  // Every request brings a new image; libvips' operation cache would only hold memory.
  sharp.cache(false);
  // libvips can load many formats (PDF, FITS, Matlab, its own .v, ...), most
  // not written for hostile input, and can read files by name. Only the buffer
  // loaders of the documented input formats stay on.
  sharp.block({ operation: ["VipsForeignLoad"] });
  sharp.unblock({
    operation: [
      "VipsForeignLoadJpegBuffer",
      "VipsForeignLoadPngBuffer",
      "VipsForeignLoadWebpBuffer",
      "VipsForeignLoadNsgifBuffer",
      "VipsForeignLoadTiffBuffer",
      "VipsForeignLoadHeifBuffer",
      "VipsForeignLoadSvgBuffer",
    ],
  });
}
