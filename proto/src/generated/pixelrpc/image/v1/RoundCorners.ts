// Original file: pixelrpc/image/v1/image_service.proto


/**
 * RoundCorners rounds the image's corners: they become transparent where the
 * output keeps alpha, and `background` where it cannot (JPEG).
 */
export interface RoundCorners {
  /**
   * The corners' radius in pixels, at most half the shorter side (a larger
   * one is that); 0 only with `circle`.
   */
  'radius'?: (number);
  /**
   * Round by half the shorter side: a circle for a square image (an avatar),
   * a pill otherwise. Not with `radius`.
   */
  'circle'?: (boolean);
  /**
   * What the corners become in an output without alpha; default white.
   */
  'background'?: (string);
}

/**
 * RoundCorners rounds the image's corners: they become transparent where the
 * output keeps alpha, and `background` where it cannot (JPEG).
 */
export interface RoundCorners__Output {
  /**
   * The corners' radius in pixels, at most half the shorter side (a larger
   * one is that); 0 only with `circle`.
   */
  'radius': (number);
  /**
   * Round by half the shorter side: a circle for a square image (an avatar),
   * a pill otherwise. Not with `radius`.
   */
  'circle': (boolean);
  /**
   * What the corners become in an output without alpha; default white.
   */
  'background': (string);
}
