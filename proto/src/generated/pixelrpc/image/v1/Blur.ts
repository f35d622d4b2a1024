// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Blur applies a Gaussian blur.
 */
export interface Blur {
  /**
   * Standard deviation of the Gaussian, 0.3 to 1000; 0 is a fast, mild 3x3
   * box blur.
   */
  'sigma'?: (number | string);
}

/**
 * Blur applies a Gaussian blur.
 */
export interface Blur__Output {
  /**
   * Standard deviation of the Gaussian, 0.3 to 1000; 0 is a fast, mild 3x3
   * box blur.
   */
  'sigma': (number);
}
