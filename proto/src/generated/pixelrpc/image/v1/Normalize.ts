// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Normalize stretches the luminance so that the `lower` percentile becomes
 * black and the `upper` white.
 */
export interface Normalize {
  /**
   * 0 to 99; unset is 1.
   */
  'lower'?: (number | string);
  /**
   * 1 to 100; unset is 99.
   */
  'upper'?: (number | string);
  '_lower'?: "lower";
  '_upper'?: "upper";
}

/**
 * Normalize stretches the luminance so that the `lower` percentile becomes
 * black and the `upper` white.
 */
export interface Normalize__Output {
  /**
   * 0 to 99; unset is 1.
   */
  'lower'?: (number);
  /**
   * 1 to 100; unset is 99.
   */
  'upper'?: (number);
  '_lower'?: "lower";
  '_upper'?: "upper";
}
