// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Trim removes edges that are the colour of the top-left pixel (or of
 * `background`, when given).
 */
export interface Trim {
  /**
   * Allowed difference from the edge colour, 0 to 255; unset is sharp's
   * default of 10, and 0 trims only the exact colour.
   */
  'threshold'?: (number | string);
  'background'?: (string);
  /**
   * Treat the input as line art (no smoothing).
   */
  'lineArt'?: (boolean);
  '_threshold'?: "threshold";
}

/**
 * Trim removes edges that are the colour of the top-left pixel (or of
 * `background`, when given).
 */
export interface Trim__Output {
  /**
   * Allowed difference from the edge colour, 0 to 255; unset is sharp's
   * default of 10, and 0 trims only the exact colour.
   */
  'threshold'?: (number);
  'background': (string);
  /**
   * Treat the input as line art (no smoothing).
   */
  'lineArt': (boolean);
  '_threshold'?: "threshold";
}
