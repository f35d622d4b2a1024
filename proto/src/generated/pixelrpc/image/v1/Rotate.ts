// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Rotate turns the image clockwise by any angle. Angles that are not a
 * multiple of 90 grow the canvas, filled with `background`.
 */
export interface Rotate {
  'angle'?: (number | string);
  /**
   * Default opaque black.
   */
  'background'?: (string);
}

/**
 * Rotate turns the image clockwise by any angle. Angles that are not a
 * multiple of 90 grow the canvas, filled with `background`.
 */
export interface Rotate__Output {
  'angle': (number);
  /**
   * Default opaque black.
   */
  'background': (string);
}
