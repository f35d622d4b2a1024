// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Clahe is contrast-limited adaptive histogram equalisation: local contrast,
 * tile by tile, which brings out detail in shadows and highlights.
 */
export interface Clahe {
  /**
   * The tile's size in pixels, 1 to 65535, both required.
   */
  'width'?: (number);
  'height'?: (number);
  /**
   * The most contrast may grow, 0 to 100; unset is 3, and 0 is no limit
   * (adaptive histogram equalisation).
   */
  'maxSlope'?: (number);
  '_maxSlope'?: "maxSlope";
}

/**
 * Clahe is contrast-limited adaptive histogram equalisation: local contrast,
 * tile by tile, which brings out detail in shadows and highlights.
 */
export interface Clahe__Output {
  /**
   * The tile's size in pixels, 1 to 65535, both required.
   */
  'width': (number);
  'height': (number);
  /**
   * The most contrast may grow, 0 to 100; unset is 3, and 0 is no limit
   * (adaptive histogram equalisation).
   */
  'maxSlope'?: (number);
  '_maxSlope'?: "maxSlope";
}
