// Original file: pixelrpc/image/v1/image_service.proto

/**
 * Font is a typeface that ships with the service (DejaVu, which covers
 * Latin, Greek, Cyrillic, Arabic and Hebrew, among others).
 */
export const Font = {
  /**
   * FONT_SANS.
   */
  FONT_UNSPECIFIED: 'FONT_UNSPECIFIED',
  /**
   * DejaVu Sans.
   */
  FONT_SANS: 'FONT_SANS',
  /**
   * DejaVu Serif.
   */
  FONT_SERIF: 'FONT_SERIF',
  /**
   * DejaVu Sans Mono.
   */
  FONT_MONO: 'FONT_MONO',
} as const;

/**
 * Font is a typeface that ships with the service (DejaVu, which covers
 * Latin, Greek, Cyrillic, Arabic and Hebrew, among others).
 */
export type Font =
  /**
   * FONT_SANS.
   */
  | 'FONT_UNSPECIFIED'
  | 0
  /**
   * DejaVu Sans.
   */
  | 'FONT_SANS'
  | 1
  /**
   * DejaVu Serif.
   */
  | 'FONT_SERIF'
  | 2
  /**
   * DejaVu Sans Mono.
   */
  | 'FONT_MONO'
  | 3

/**
 * Font is a typeface that ships with the service (DejaVu, which covers
 * Latin, Greek, Cyrillic, Arabic and Hebrew, among others).
 */
export type Font__Output = typeof Font[keyof typeof Font]
