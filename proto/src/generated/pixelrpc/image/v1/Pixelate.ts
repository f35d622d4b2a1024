// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Pixelate shows the image as blocks of about `size` x `size` pixels, each
 * of one colour.
 */
export interface Pixelate {
  /**
   * 2 to 1000.
   */
  'size'?: (number);
}

/**
 * Pixelate shows the image as blocks of about `size` x `size` pixels, each
 * of one colour.
 */
export interface Pixelate__Output {
  /**
   * 2 to 1000.
   */
  'size': (number);
}
