// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Convolve applies a kernel: each pixel becomes the sum of its neighbours
 * weighted by `kernel`, divided by `scale`, plus `offset`.
 */
export interface Convolve {
  /**
   * 3 to 15 each.
   */
  'width'?: (number);
  'height'?: (number);
  /**
   * width x height weights, row by row, each -1000000 to 1000000.
   */
  'kernel'?: (number | string)[];
  /**
   * A whole number other than 0; unset is the sum of the kernel (1 when
   * that is 0).
   */
  'scale'?: (number);
  /**
   * A whole number, -65535 to 65535.
   */
  'offset'?: (number);
  '_scale'?: "scale";
}

/**
 * Convolve applies a kernel: each pixel becomes the sum of its neighbours
 * weighted by `kernel`, divided by `scale`, plus `offset`.
 */
export interface Convolve__Output {
  /**
   * 3 to 15 each.
   */
  'width': (number);
  'height': (number);
  /**
   * width x height weights, row by row, each -1000000 to 1000000.
   */
  'kernel': (number)[];
  /**
   * A whole number other than 0; unset is the sum of the kernel (1 when
   * that is 0).
   */
  'scale'?: (number);
  /**
   * A whole number, -65535 to 65535.
   */
  'offset': (number);
  '_scale'?: "scale";
}
