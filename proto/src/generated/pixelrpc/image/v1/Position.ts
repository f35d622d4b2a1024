// Original file: pixelrpc/image/v1/image_service.proto

/**
 * Position says which part of the image to keep when FIT_COVER crops, or
 * where to place it when FIT_CONTAIN pads.
 */
export const Position = {
  /**
   * POSITION_CENTER.
   */
  POSITION_UNSPECIFIED: 'POSITION_UNSPECIFIED',
  POSITION_CENTER: 'POSITION_CENTER',
  POSITION_TOP: 'POSITION_TOP',
  POSITION_RIGHT_TOP: 'POSITION_RIGHT_TOP',
  POSITION_RIGHT: 'POSITION_RIGHT',
  POSITION_RIGHT_BOTTOM: 'POSITION_RIGHT_BOTTOM',
  POSITION_BOTTOM: 'POSITION_BOTTOM',
  POSITION_LEFT_BOTTOM: 'POSITION_LEFT_BOTTOM',
  POSITION_LEFT: 'POSITION_LEFT',
  POSITION_LEFT_TOP: 'POSITION_LEFT_TOP',
  /**
   * Smart crop (FIT_COVER only): keep the region with the most detail.
   */
  POSITION_ENTROPY: 'POSITION_ENTROPY',
  /**
   * Smart crop (FIT_COVER only): keep the region most likely to draw the eye
   * (skin tones, saturation, luminance).
   */
  POSITION_ATTENTION: 'POSITION_ATTENTION',
} as const;

/**
 * Position says which part of the image to keep when FIT_COVER crops, or
 * where to place it when FIT_CONTAIN pads.
 */
export type Position =
  /**
   * POSITION_CENTER.
   */
  | 'POSITION_UNSPECIFIED'
  | 0
  | 'POSITION_CENTER'
  | 1
  | 'POSITION_TOP'
  | 2
  | 'POSITION_RIGHT_TOP'
  | 3
  | 'POSITION_RIGHT'
  | 4
  | 'POSITION_RIGHT_BOTTOM'
  | 5
  | 'POSITION_BOTTOM'
  | 6
  | 'POSITION_LEFT_BOTTOM'
  | 7
  | 'POSITION_LEFT'
  | 8
  | 'POSITION_LEFT_TOP'
  | 9
  /**
   * Smart crop (FIT_COVER only): keep the region with the most detail.
   */
  | 'POSITION_ENTROPY'
  | 10
  /**
   * Smart crop (FIT_COVER only): keep the region most likely to draw the eye
   * (skin tones, saturation, luminance).
   */
  | 'POSITION_ATTENTION'
  | 11

/**
 * Position says which part of the image to keep when FIT_COVER crops, or
 * where to place it when FIT_CONTAIN pads.
 */
export type Position__Output = typeof Position[keyof typeof Position]
