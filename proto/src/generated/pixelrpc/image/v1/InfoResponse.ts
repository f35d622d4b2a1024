// Original file: pixelrpc/image/v1/image_service.proto

import type { ImageInfo as _pixelrpc_image_v1_ImageInfo, ImageInfo__Output as _pixelrpc_image_v1_ImageInfo__Output } from '../../../pixelrpc/image/v1/ImageInfo.js';
import type { Placeholders as _pixelrpc_image_v1_Placeholders, Placeholders__Output as _pixelrpc_image_v1_Placeholders__Output } from '../../../pixelrpc/image/v1/Placeholders.js';

export interface InfoResponse {
  /**
   * Format, size as displayed (after EXIF orientation), alpha and pages.
   */
  'info'?: (_pixelrpc_image_v1_ImageInfo | null);
  /**
   * The EXIF Orientation tag as stored, 1 to 8; 0 when there is none.
   */
  'orientation'?: (number);
  /**
   * The libvips interpretation of the pixels: "srgb", "cmyk", "b-w",
   * "rgb16", "grey16" and so on.
   */
  'colorSpace'?: (string);
  'hasIccProfile'?: (boolean);
  /**
   * The most common visible colour, "#rrggbb": the centre of the most
   * populated bin of a 16-level-per-channel sRGB histogram of the pixels at
   * least half opaque (of all pixels when none is), counted in a sample of
   * the image at most 128 pixels a side.
   */
  'dominantColor'?: (string);
  /**
   * Bits per sample: 8 or 16 (1 for bilevel images).
   */
  'bitsPerSample'?: (number);
  /**
   * Progressive JPEG or interlaced PNG/GIF.
   */
  'progressive'?: (boolean);
  /**
   * An animation's frame delays in milliseconds, one per frame; empty for a
   * still image.
   */
  'frameDelaysMs'?: (number)[];
  /**
   * How many times an animation plays, 0 for ever; unset for a still image.
   */
  'loop'?: (number);
  /**
   * Set when InfoRequest.placeholders asks for them.
   */
  'placeholders'?: (_pixelrpc_image_v1_Placeholders | null);
  '_loop'?: "loop";
}

export interface InfoResponse__Output {
  /**
   * Format, size as displayed (after EXIF orientation), alpha and pages.
   */
  'info': (_pixelrpc_image_v1_ImageInfo__Output | null);
  /**
   * The EXIF Orientation tag as stored, 1 to 8; 0 when there is none.
   */
  'orientation': (number);
  /**
   * The libvips interpretation of the pixels: "srgb", "cmyk", "b-w",
   * "rgb16", "grey16" and so on.
   */
  'colorSpace': (string);
  'hasIccProfile': (boolean);
  /**
   * The most common visible colour, "#rrggbb": the centre of the most
   * populated bin of a 16-level-per-channel sRGB histogram of the pixels at
   * least half opaque (of all pixels when none is), counted in a sample of
   * the image at most 128 pixels a side.
   */
  'dominantColor': (string);
  /**
   * Bits per sample: 8 or 16 (1 for bilevel images).
   */
  'bitsPerSample': (number);
  /**
   * Progressive JPEG or interlaced PNG/GIF.
   */
  'progressive': (boolean);
  /**
   * An animation's frame delays in milliseconds, one per frame; empty for a
   * still image.
   */
  'frameDelaysMs': (number)[];
  /**
   * How many times an animation plays, 0 for ever; unset for a still image.
   */
  'loop'?: (number);
  /**
   * Set when InfoRequest.placeholders asks for them.
   */
  'placeholders': (_pixelrpc_image_v1_Placeholders__Output | null);
  '_loop'?: "loop";
}
