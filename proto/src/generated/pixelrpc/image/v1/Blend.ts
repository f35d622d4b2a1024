// Original file: pixelrpc/image/v1/image_service.proto

/**
 * Blend is how an overlay mixes with the image below it: sharp's (and
 * libvips') blend modes, the Porter-Duff operators and the PDF ones.
 */
export const Blend = {
  /**
   * BLEND_OVER.
   */
  BLEND_UNSPECIFIED: 'BLEND_UNSPECIFIED',
  /**
   * The overlay over the image, through its alpha: what a watermark wants.
   */
  BLEND_OVER: 'BLEND_OVER',
  BLEND_CLEAR: 'BLEND_CLEAR',
  BLEND_SOURCE: 'BLEND_SOURCE',
  BLEND_IN: 'BLEND_IN',
  BLEND_OUT: 'BLEND_OUT',
  BLEND_ATOP: 'BLEND_ATOP',
  BLEND_DEST: 'BLEND_DEST',
  BLEND_DEST_OVER: 'BLEND_DEST_OVER',
  BLEND_DEST_IN: 'BLEND_DEST_IN',
  BLEND_DEST_OUT: 'BLEND_DEST_OUT',
  BLEND_DEST_ATOP: 'BLEND_DEST_ATOP',
  BLEND_XOR: 'BLEND_XOR',
  BLEND_ADD: 'BLEND_ADD',
  BLEND_SATURATE: 'BLEND_SATURATE',
  BLEND_MULTIPLY: 'BLEND_MULTIPLY',
  BLEND_SCREEN: 'BLEND_SCREEN',
  BLEND_OVERLAY: 'BLEND_OVERLAY',
  BLEND_DARKEN: 'BLEND_DARKEN',
  BLEND_LIGHTEN: 'BLEND_LIGHTEN',
  BLEND_COLOR_DODGE: 'BLEND_COLOR_DODGE',
  BLEND_COLOR_BURN: 'BLEND_COLOR_BURN',
  BLEND_HARD_LIGHT: 'BLEND_HARD_LIGHT',
  BLEND_SOFT_LIGHT: 'BLEND_SOFT_LIGHT',
  BLEND_DIFFERENCE: 'BLEND_DIFFERENCE',
  BLEND_EXCLUSION: 'BLEND_EXCLUSION',
} as const;

/**
 * Blend is how an overlay mixes with the image below it: sharp's (and
 * libvips') blend modes, the Porter-Duff operators and the PDF ones.
 */
export type Blend =
  /**
   * BLEND_OVER.
   */
  | 'BLEND_UNSPECIFIED'
  | 0
  /**
   * The overlay over the image, through its alpha: what a watermark wants.
   */
  | 'BLEND_OVER'
  | 1
  | 'BLEND_CLEAR'
  | 2
  | 'BLEND_SOURCE'
  | 3
  | 'BLEND_IN'
  | 4
  | 'BLEND_OUT'
  | 5
  | 'BLEND_ATOP'
  | 6
  | 'BLEND_DEST'
  | 7
  | 'BLEND_DEST_OVER'
  | 8
  | 'BLEND_DEST_IN'
  | 9
  | 'BLEND_DEST_OUT'
  | 10
  | 'BLEND_DEST_ATOP'
  | 11
  | 'BLEND_XOR'
  | 12
  | 'BLEND_ADD'
  | 13
  | 'BLEND_SATURATE'
  | 14
  | 'BLEND_MULTIPLY'
  | 15
  | 'BLEND_SCREEN'
  | 16
  | 'BLEND_OVERLAY'
  | 17
  | 'BLEND_DARKEN'
  | 18
  | 'BLEND_LIGHTEN'
  | 19
  | 'BLEND_COLOR_DODGE'
  | 20
  | 'BLEND_COLOR_BURN'
  | 21
  | 'BLEND_HARD_LIGHT'
  | 22
  | 'BLEND_SOFT_LIGHT'
  | 23
  | 'BLEND_DIFFERENCE'
  | 24
  | 'BLEND_EXCLUSION'
  | 25

/**
 * Blend is how an overlay mixes with the image below it: sharp's (and
 * libvips') blend modes, the Porter-Duff operators and the PDF ones.
 */
export type Blend__Output = typeof Blend[keyof typeof Blend]
