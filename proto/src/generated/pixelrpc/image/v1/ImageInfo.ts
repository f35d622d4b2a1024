// Original file: pixelrpc/image/v1/image_service.proto

import type { Format as _pixelrpc_image_v1_Format, Format__Output as _pixelrpc_image_v1_Format__Output } from '../../../pixelrpc/image/v1/Format.js';
import type { Long } from '@grpc/proto-loader';

/**
 * ImageInfo describes an image: for Info, the source as it is displayed
 * (after EXIF orientation); for Transform, the encoded result.
 */
export interface ImageInfo {
  'format'?: (_pixelrpc_image_v1_Format);
  'width'?: (number);
  /**
   * For animations and multi-page images: the height of one page.
   */
  'height'?: (number);
  'sizeBytes'?: (number | string | Long);
  'hasAlpha'?: (boolean);
  /**
   * Pages (TIFF), frames (GIF, WebP) or top-level items (HEIF/AVIF); 1 for
   * a still image. Transform results have one page, or for an animated
   * output (InputOptions.animated, GIF or WebP) its frames.
   */
  'pages'?: (number);
  'channels'?: (number);
  /**
   * Transform results of a lossy encode (JPEG, WebP or AVIF without
   * lossless): the quality the encoder was given, the one
   * OutputOptions.max_bytes chose or else the one asked for or the
   * encoder's default. 0 for other results, and in Info.
   */
  'quality'?: (number);
}

/**
 * ImageInfo describes an image: for Info, the source as it is displayed
 * (after EXIF orientation); for Transform, the encoded result.
 */
export interface ImageInfo__Output {
  'format': (_pixelrpc_image_v1_Format__Output);
  'width': (number);
  /**
   * For animations and multi-page images: the height of one page.
   */
  'height': (number);
  'sizeBytes': (number);
  'hasAlpha': (boolean);
  /**
   * Pages (TIFF), frames (GIF, WebP) or top-level items (HEIF/AVIF); 1 for
   * a still image. Transform results have one page, or for an animated
   * output (InputOptions.animated, GIF or WebP) its frames.
   */
  'pages': (number);
  'channels': (number);
  /**
   * Transform results of a lossy encode (JPEG, WebP or AVIF without
   * lossless): the quality the encoder was given, the one
   * OutputOptions.max_bytes chose or else the one asked for or the
   * encoder's default. 0 for other results, and in Info.
   */
  'quality': (number);
}
