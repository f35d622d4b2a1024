// Original file: pixelrpc/image/v1/image_service.proto

import type { Format as _pixelrpc_image_v1_Format, Format__Output as _pixelrpc_image_v1_Format__Output } from '../../../pixelrpc/image/v1/Format.js';

/**
 * OutputOptions says how to encode the result. Unless `keep_metadata` is
 * set, metadata (EXIF, XMP, IPTC, ICC profile) is stripped and colour is
 * converted to sRGB.
 */
export interface OutputOptions {
  'format'?: (_pixelrpc_image_v1_Format);
  /**
   * 1 to 100; 0 is the encoder's default (JPEG 80, WebP 80, AVIF 50). For
   * PNG it turns on palette quantisation at that quality; for TIFF it turns
   * on JPEG compression (TIFF is otherwise lossless, deflate). Ignored by
   * lossless encodes and by GIF.
   */
  'quality'?: (number);
  /**
   * Lossless WebP or AVIF; PNG and TIFF are lossless anyway (unless
   * `quality` is set). JPEG and GIF (256 colours) refuse it.
   */
  'lossless'?: (boolean);
  /**
   * Progressive JPEG, interlaced PNG or GIF.
   */
  'progressive'?: (boolean);
  /**
   * CPU effort for a smaller file: WebP 0-6, AVIF 0-9 (a service may allow
   * less: IMAGE_MAX_AVIF_EFFORT, 6 by default), PNG 1-10 (zlib level
   * 0-9), GIF 1-10; unset is the encoder's default (WebP 4, AVIF 4, PNG
   * level 6, GIF 7). JPEG and TIFF refuse it.
   */
  'effort'?: (number);
  /**
   * Keep EXIF, XMP, IPTC and the ICC profile of the input.
   */
  'keepMetadata'?: (boolean);
  /**
   * Animated GIF and WebP: how many times the animation plays, 0 for ever;
   * unset keeps the input's.
   */
  'loop'?: (number);
  /**
   * Animated GIF and WebP: each frame's delay in milliseconds, 0 to 65535;
   * one value sets every frame's, otherwise one per frame. Empty keeps the
   * input's delays.
   */
  'delaysMs'?: (number)[];
  /**
   * GIF: the most palette entries, 2 to 256; 0 is 256.
   */
  'colors'?: (number);
  /**
   * GIF: Floyd-Steinberg error diffusion, 0 (none) to 1; unset is 1.
   */
  'dither'?: (number | string);
  /**
   * Animated WebP: no key frames, for the smallest file (slow).
   */
  'minSize'?: (boolean);
  /**
   * Animated WebP: let lossy and lossless frames mix (slow).
   */
  'mixed'?: (boolean);
  /**
   * A budget for the encoded result, in bytes; 0 is none. For lossy encodes
   * (JPEG, and WebP or AVIF without `lossless`): the service searches for the
   * highest quality, from `quality` (or the encoder's default) down to 1,
   * whose result fits, in at most 10 encodes of the finished pixels, and
   * reports it in ImageInfo.quality. When even quality 1 does not fit, the
   * call fails with INVALID_ARGUMENT naming the smallest size it reached.
   * Other encodes refuse it.
   */
  'maxBytes'?: (number);
  '_effort'?: "effort";
  '_loop'?: "loop";
  '_dither'?: "dither";
}

/**
 * OutputOptions says how to encode the result. Unless `keep_metadata` is
 * set, metadata (EXIF, XMP, IPTC, ICC profile) is stripped and colour is
 * converted to sRGB.
 */
export interface OutputOptions__Output {
  'format': (_pixelrpc_image_v1_Format__Output);
  /**
   * 1 to 100; 0 is the encoder's default (JPEG 80, WebP 80, AVIF 50). For
   * PNG it turns on palette quantisation at that quality; for TIFF it turns
   * on JPEG compression (TIFF is otherwise lossless, deflate). Ignored by
   * lossless encodes and by GIF.
   */
  'quality': (number);
  /**
   * Lossless WebP or AVIF; PNG and TIFF are lossless anyway (unless
   * `quality` is set). JPEG and GIF (256 colours) refuse it.
   */
  'lossless': (boolean);
  /**
   * Progressive JPEG, interlaced PNG or GIF.
   */
  'progressive': (boolean);
  /**
   * CPU effort for a smaller file: WebP 0-6, AVIF 0-9 (a service may allow
   * less: IMAGE_MAX_AVIF_EFFORT, 6 by default), PNG 1-10 (zlib level
   * 0-9), GIF 1-10; unset is the encoder's default (WebP 4, AVIF 4, PNG
   * level 6, GIF 7). JPEG and TIFF refuse it.
   */
  'effort'?: (number);
  /**
   * Keep EXIF, XMP, IPTC and the ICC profile of the input.
   */
  'keepMetadata': (boolean);
  /**
   * Animated GIF and WebP: how many times the animation plays, 0 for ever;
   * unset keeps the input's.
   */
  'loop'?: (number);
  /**
   * Animated GIF and WebP: each frame's delay in milliseconds, 0 to 65535;
   * one value sets every frame's, otherwise one per frame. Empty keeps the
   * input's delays.
   */
  'delaysMs': (number)[];
  /**
   * GIF: the most palette entries, 2 to 256; 0 is 256.
   */
  'colors': (number);
  /**
   * GIF: Floyd-Steinberg error diffusion, 0 (none) to 1; unset is 1.
   */
  'dither'?: (number);
  /**
   * Animated WebP: no key frames, for the smallest file (slow).
   */
  'minSize': (boolean);
  /**
   * Animated WebP: let lossy and lossless frames mix (slow).
   */
  'mixed': (boolean);
  /**
   * A budget for the encoded result, in bytes; 0 is none. For lossy encodes
   * (JPEG, and WebP or AVIF without `lossless`): the service searches for the
   * highest quality, from `quality` (or the encoder's default) down to 1,
   * whose result fits, in at most 10 encodes of the finished pixels, and
   * reports it in ImageInfo.quality. When even quality 1 does not fit, the
   * call fails with INVALID_ARGUMENT naming the smallest size it reached.
   * Other encodes refuse it.
   */
  'maxBytes': (number);
  '_effort'?: "effort";
  '_loop'?: "loop";
  '_dither'?: "dither";
}
