// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Sharpen sharpens the luminance. With `sigma` 0 and nothing else set it
 * is a fast, mild sharpen; otherwise fields left unset take sharp's
 * defaults, and 0 is 0.
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
  '_m1'?: "m1";
  '_m2'?: "m2";
  '_x1'?: "x1";
  '_y2'?: "y2";
  '_y3'?: "y3";
}

/**
 * Sharpen sharpens the luminance. With `sigma` 0 and nothing else set it
 * is a fast, mild sharpen; otherwise fields left unset take sharp's
 * defaults, and 0 is 0.
 */
export interface Sharpen__Output {
  /**
   * Standard deviation of the Gaussian mask, 0.000001 to 10.
   */
  'sigma': (number);
  /**
   * Sharpening of flat areas, 0 to 1000000 (default 1).
   */
  'm1'?: (number);
  /**
   * Sharpening of jagged areas, 0 to 1000000 (default 2).
   */
  'm2'?: (number);
  /**
   * Threshold between flat and jagged, 0 to 1000000 (default 2).
   */
  'x1'?: (number);
  /**
   * Maximum amount of brightening, 0 to 1000000 (default 10).
   */
  'y2'?: (number);
  /**
   * Maximum amount of darkening, 0 to 1000000 (default 20).
   */
  'y3'?: (number);
  '_m1'?: "m1";
  '_m2'?: "m2";
  '_x1'?: "x1";
  '_y2'?: "y2";
  '_y3'?: "y3";
}
