// Original file: /work/main/proto/pixelrpc/image/v1/image_service.proto

import type { Format as _pixelrpc_image_v1_Format, Format__Output as _pixelrpc_image_v1_Format__Output } from '../../../pixelrpc/image/v1/Format.js';

/**
 * OutputOptions says how to encode the result. Unless `keep_metadata` is
 * set, metadata (EXIF, XMP, IPTC, ICC profile) is stripped and colour is
 * converted to sRGB.
 */
export interface OutputOptions {
  'format'?: (_pixelrpc_image_v1_Format);
  /**
   * 1 to 100; 0 is the encoder's default. Ignored by PNG (see `effort`) and
   * by lossless encodes.
   */
  'quality'?: (number);
  /**
   * Lossless WebP or AVIF.
   */
  'lossless'?: (boolean);
  /**
   * Progressive JPEG, interlaced PNG or GIF.
   */
  'progressive'?: (boolean);
  /**
   * CPU effort for a smaller file: WebP 0-6, AVIF 0-9, PNG 1-10 (mapped to
   * zlib level), GIF 1-10; 0 is the encoder's default.
   */
  'effort'?: (number);
  /**
   * Keep EXIF, XMP, IPTC and the ICC profile of the input.
   */
  'keepMetadata'?: (boolean);
}

/**
 * OutputOptions says how to encode the result. Unless `keep_metadata` is
 * set, metadata (EXIF, XMP, IPTC, ICC profile) is stripped and colour is
 * converted to sRGB.
 */
export interface OutputOptions__Output {
  'format': (_pixelrpc_image_v1_Format__Output);
  /**
   * 1 to 100; 0 is the encoder's default. Ignored by PNG (see `effort`) and
   * by lossless encodes.
   */
  'quality': (number);
  /**
   * Lossless WebP or AVIF.
   */
  'lossless': (boolean);
  /**
   * Progressive JPEG, interlaced PNG or GIF.
   */
  'progressive': (boolean);
  /**
   * CPU effort for a smaller file: WebP 0-6, AVIF 0-9, PNG 1-10 (mapped to
   * zlib level), GIF 1-10; 0 is the encoder's default.
   */
  'effort': (number);
  /**
   * Keep EXIF, XMP, IPTC and the ICC profile of the input.
   */
  'keepMetadata': (boolean);
}
