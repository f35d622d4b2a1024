// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Trim removes edges that are the colour of the top-left pixel (or of
 * `background`, when given).
 */
export interface Trim {
  /**
   * Allowed difference from the edge colour, 0 to 255; 0 means sharp's
   * default of 10.
   */
  'threshold'?: (number | string);
  'background'?: (string);
  /**
   * Treat the input as line art (no smoothing).
   */
  'lineArt'?: (boolean);
}

/**
 * Trim removes edges that are the colour of the top-left pixel (or of
 * `background`, when given).
 */
export interface Trim__Output {
  /**
   * Allowed difference from the edge colour, 0 to 255; 0 means sharp's
   * default of 10.
   */
  'threshold': (number);
  'background': (string);
  /**
   * Treat the input as line art (no smoothing).
   */
  'lineArt': (boolean);
}
