// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Placeholders a page shows while the image loads, computed from the image as
 * it is displayed (after EXIF orientation; the first page or frame).
 */
export interface Placeholders {
  /**
   * A BlurHash (blurha.sh): 4 components along the longer side and, on the
   * shorter one, 4 scaled by the aspect ratio (at least 1). BlurHash has no
   * alpha: transparent pixels are seen on white.
   */
  'blurhash'?: (string);
  /**
   * A ThumbHash (evanw.github.io/thumbhash), standard base64. It keeps the
   * aspect ratio and the alpha channel.
   */
  'thumbhash'?: (string);
  /**
   * A data: URL of a tiny WebP of the image (at most 32 pixels a side), at
   * most 1024 characters long.
   */
  'lqip'?: (string);
}

/**
 * Placeholders a page shows while the image loads, computed from the image as
 * it is displayed (after EXIF orientation; the first page or frame).
 */
export interface Placeholders__Output {
  /**
   * A BlurHash (blurha.sh): 4 components along the longer side and, on the
   * shorter one, 4 scaled by the aspect ratio (at least 1). BlurHash has no
   * alpha: transparent pixels are seen on white.
   */
  'blurhash': (string);
  /**
   * A ThumbHash (evanw.github.io/thumbhash), standard base64. It keeps the
   * aspect ratio and the alpha channel.
   */
  'thumbhash': (string);
  /**
   * A data: URL of a tiny WebP of the image (at most 32 pixels a side), at
   * most 1024 characters long.
   */
  'lqip': (string);
}
