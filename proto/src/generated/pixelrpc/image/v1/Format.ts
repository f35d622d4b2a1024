// Original file: pixelrpc/image/v1/image_service.proto

/**
 * Format is an image file format. Inputs may be any of them; SVG is input only.
 */
export const Format = {
  /**
   * As an output format: the input's format (PNG for SVG input).
   */
  FORMAT_UNSPECIFIED: 'FORMAT_UNSPECIFIED',
  FORMAT_JPEG: 'FORMAT_JPEG',
  FORMAT_PNG: 'FORMAT_PNG',
  FORMAT_WEBP: 'FORMAT_WEBP',
  FORMAT_AVIF: 'FORMAT_AVIF',
  FORMAT_GIF: 'FORMAT_GIF',
  FORMAT_TIFF: 'FORMAT_TIFF',
  /**
   * Input only: rasterised at its own size (72 DPI).
   */
  FORMAT_SVG: 'FORMAT_SVG',
} as const;

/**
 * Format is an image file format. Inputs may be any of them; SVG is input only.
 */
export type Format =
  /**
   * As an output format: the input's format (PNG for SVG input).
   */
  | 'FORMAT_UNSPECIFIED'
  | 0
  | 'FORMAT_JPEG'
  | 1
  | 'FORMAT_PNG'
  | 2
  | 'FORMAT_WEBP'
  | 3
  | 'FORMAT_AVIF'
  | 4
  | 'FORMAT_GIF'
  | 5
  | 'FORMAT_TIFF'
  | 6
  /**
   * Input only: rasterised at its own size (72 DPI).
   */
  | 'FORMAT_SVG'
  | 7

/**
 * Format is an image file format. Inputs may be any of them; SVG is input only.
 */
export type Format__Output = typeof Format[keyof typeof Format]
