// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Sharpen sharpens the luminance. With every field 0 it is a fast, mild
 * sharpen; otherwise zero fields take sharp's defaults.
 */
export interface Sharpen {
  /**
   * Standard deviation of the Gaussian mask, 0.000001 to 10.
   */
  'sigma'?: (number | string);
  /**
   * Sharpening of flat areas, 0 to 1000000 (default 1).
   */
  'm1'?: (number | string);
  /**
   * Sharpening of jagged areas, 0 to 1000000 (default 2).
   */
  'm2'?: (number | string);
  /**
   * Threshold between flat and jagged, 0 to 1000000 (default 2).
   */
  'x1'?: (number | string);
  /**
   * Maximum amount of brightening, 0 to 1000000 (default 10).
   */
  'y2'?: (number | string);
  /**
   * Maximum amount of darkening, 0 to 1000000 (default 20).
   */
  'y3'?: (number | string);
}

/**
 * Sharpen sharpens the luminance. With every field 0 it is a fast, mild
 * sharpen; otherwise zero fields take sharp's defaults.
 */
export interface Sharpen__Output {
  /**
   * Standard deviation of the Gaussian mask, 0.000001 to 10.
   */
  'sigma': (number);
  /**
   * Sharpening of flat areas, 0 to 1000000 (default 1).
   */
  'm1': (number);
  /**
   * Sharpening of jagged areas, 0 to 1000000 (default 2).
   */
  'm2': (number);
  /**
   * Threshold between flat and jagged, 0 to 1000000 (default 2).
   */
  'x1': (number);
  /**
   * Maximum amount of brightening, 0 to 1000000 (default 10).
   */
  'y2': (number);
  /**
   * Maximum amount of darkening, 0 to 1000000 (default 20).
   */
  'y3': (number);
}
