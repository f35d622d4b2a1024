// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Threshold makes every pixel white where its value is at least
 * `threshold`, black elsewhere.
 */
export interface Threshold {
  /**
   * 0 to 255; unset is 128.
   */
  'threshold'?: (number);
  /**
   * Threshold each colour channel on its own instead of the grey level.
   */
  'keepColor'?: (boolean);
  '_threshold'?: "threshold";
}

/**
 * Threshold makes every pixel white where its value is at least
 * `threshold`, black elsewhere.
 */
export interface Threshold__Output {
  /**
   * 0 to 255; unset is 128.
   */
  'threshold'?: (number);
  /**
   * Threshold each colour channel on its own instead of the grey level.
   */
  'keepColor': (boolean);
  '_threshold'?: "threshold";
}
