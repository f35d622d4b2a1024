// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Negate inverts the colours: 255 - value for each channel.
 */
export interface Negate {
  /**
   * Invert the alpha channel too; by default it is kept.
   */
  'alpha'?: (boolean);
}

/**
 * Negate inverts the colours: 255 - value for each channel.
 */
export interface Negate__Output {
  /**
   * Invert the alpha channel too; by default it is kept.
   */
  'alpha': (boolean);
}
