// Original file: pixelrpc/image/v1/image_service.proto


/**
 * InputOptions says how to read the source image.
 */
export interface InputOptions {
  /**
   * Which page (multi-page TIFF), frame (GIF, WebP) or item (HEIF/AVIF) to
   * read. 0 reads the first page, or for HEIF/AVIF the primary item.
   */
  'page'?: (number);
  /**
   * Keep the stored pixel orientation instead of applying the EXIF
   * Orientation tag before the operations run.
   */
  'disableAutoOrient'?: (boolean);
  /**
   * Read every frame of an animated GIF or WebP (every page of a multi-page
   * TIFF) and run the operations on each. A GIF or WebP output keeps all
   * frames, their delays and the loop count; other formats get the first
   * frame. The pixel limit counts all frames together. Not with `page`.
   */
  'animated'?: (boolean);
}

/**
 * InputOptions says how to read the source image.
 */
export interface InputOptions__Output {
  /**
   * Which page (multi-page TIFF), frame (GIF, WebP) or item (HEIF/AVIF) to
   * read. 0 reads the first page, or for HEIF/AVIF the primary item.
   */
  'page': (number);
  /**
   * Keep the stored pixel orientation instead of applying the EXIF
   * Orientation tag before the operations run.
   */
  'disableAutoOrient': (boolean);
  /**
   * Read every frame of an animated GIF or WebP (every page of a multi-page
   * TIFF) and run the operations on each. A GIF or WebP output keeps all
   * frames, their delays and the loop count; other formats get the first
   * frame. The pixel limit counts all frames together. Not with `page`.
   */
  'animated': (boolean);
}
