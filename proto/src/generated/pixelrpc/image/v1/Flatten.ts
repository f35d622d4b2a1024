// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Flatten merges the alpha channel onto a background colour.
 */
export interface Flatten {
  /**
   * Default opaque black.
   */
  'background'?: (string);
}

/**
 * Flatten merges the alpha channel onto a background colour.
 */
export interface Flatten__Output {
  /**
   * Default opaque black.
   */
  'background': (string);
}
