// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Median replaces each pixel by the median of the `size` x `size` square
 * around it: it removes salt-and-pepper noise and keeps edges.
 */
export interface Median {
  /**
   * 1 to 15; 0 means 3.
   */
  'size'?: (number);
}

/**
 * Median replaces each pixel by the median of the `size` x `size` square
 * around it: it removes salt-and-pepper noise and keeps edges.
 */
export interface Median__Output {
  /**
   * 1 to 15; 0 means 3.
   */
  'size': (number);
}
