// Original file: pixelrpc/image/v1/image_service.proto

import type { ImageInfo as _pixelrpc_image_v1_ImageInfo, ImageInfo__Output as _pixelrpc_image_v1_ImageInfo__Output } from '../../../pixelrpc/image/v1/ImageInfo.js';

export interface TransformResponse {
  /**
   * The encoded result.
   */
  'image'?: (Buffer | Uint8Array | string);
  /**
   * What `image` is: its format, size and byte count.
   */
  'info'?: (_pixelrpc_image_v1_ImageInfo | null);
}

export interface TransformResponse__Output {
  /**
   * The encoded result.
   */
  'image': (Buffer);
  /**
   * What `image` is: its format, size and byte count.
   */
  'info': (_pixelrpc_image_v1_ImageInfo__Output | null);
}
