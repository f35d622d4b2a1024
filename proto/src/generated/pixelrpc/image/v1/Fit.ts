// Original file: pixelrpc/image/v1/image_service.proto

/**
 * Fit says how the image fits the box that `width` and `height` describe.
 */
export const Fit = {
  /**
   * FIT_COVER, as in sharp.
   */
  FIT_UNSPECIFIED: 'FIT_UNSPECIFIED',
  /**
   * Fill the box, keeping the aspect ratio; crop what falls outside.
   */
  FIT_COVER: 'FIT_COVER',
  /**
   * Fit inside the box, keeping the aspect ratio; pad with `background`.
   */
  FIT_CONTAIN: 'FIT_CONTAIN',
  /**
   * Stretch to exactly the box, ignoring the aspect ratio.
   */
  FIT_FILL: 'FIT_FILL',
  /**
   * As large as possible while both sides are at most the box's.
   */
  FIT_INSIDE: 'FIT_INSIDE',
  /**
   * As small as possible while both sides are at least the box's.
   */
  FIT_OUTSIDE: 'FIT_OUTSIDE',
} as const;

/**
 * Fit says how the image fits the box that `width` and `height` describe.
 */
export type Fit =
  /**
   * FIT_COVER, as in sharp.
   */
  | 'FIT_UNSPECIFIED'
  | 0
  /**
   * Fill the box, keeping the aspect ratio; crop what falls outside.
   */
  | 'FIT_COVER'
  | 1
  /**
   * Fit inside the box, keeping the aspect ratio; pad with `background`.
   */
  | 'FIT_CONTAIN'
  | 2
  /**
   * Stretch to exactly the box, ignoring the aspect ratio.
   */
  | 'FIT_FILL'
  | 3
  /**
   * As large as possible while both sides are at most the box's.
   */
  | 'FIT_INSIDE'
  | 4
  /**
   * As small as possible while both sides are at least the box's.
   */
  | 'FIT_OUTSIDE'
  | 5

/**
 * Fit says how the image fits the box that `width` and `height` describe.
 */
export type Fit__Output = typeof Fit[keyof typeof Fit]
