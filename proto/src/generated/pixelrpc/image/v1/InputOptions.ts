// Original file: pixelrpc/image/v1/image_service.proto


/**
 * InputOptions says how to read the source image.
 */
export interface InputOptions {
  /**
   * Which page (multi-page TIFF) or frame (GIF, WebP) to read; 0 is the first.
   */
  'page'?: (number);
  /**
   * Keep the stored pixel orientation instead of applying the EXIF
   * Orientation tag before the operations run.
   */
  'disableAutoOrient'?: (boolean);
}

/**
 * InputOptions says how to read the source image.
 */
export interface InputOptions__Output {
  /**
   * Which page (multi-page TIFF) or frame (GIF, WebP) to read; 0 is the first.
   */
  'page': (number);
  /**
   * Keep the stored pixel orientation instead of applying the EXIF
   * Orientation tag before the operations run.
   */
  'disableAutoOrient': (boolean);
}
