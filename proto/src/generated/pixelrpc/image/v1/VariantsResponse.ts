// Original file: pixelrpc/image/v1/image_service.proto

import type { ImageInfo as _pixelrpc_image_v1_ImageInfo, ImageInfo__Output as _pixelrpc_image_v1_ImageInfo__Output } from '../../../pixelrpc/image/v1/ImageInfo.js';
import type { VariantError as _pixelrpc_image_v1_VariantError, VariantError__Output as _pixelrpc_image_v1_VariantError__Output } from '../../../pixelrpc/image/v1/VariantError.js';

/**
 * VariantsResponse is one finished variant, sent as soon as it is encoded.
 * Either `image` and `info` are set, or `error` is.
 */
export interface VariantsResponse {
  'name'?: (string);
  'image'?: (Buffer | Uint8Array | string);
  'info'?: (_pixelrpc_image_v1_ImageInfo | null);
  'error'?: (_pixelrpc_image_v1_VariantError | null);
}

/**
 * VariantsResponse is one finished variant, sent as soon as it is encoded.
 * Either `image` and `info` are set, or `error` is.
 */
export interface VariantsResponse__Output {
  'name': (string);
  'image': (Buffer);
  'info': (_pixelrpc_image_v1_ImageInfo__Output | null);
  'error': (_pixelrpc_image_v1_VariantError__Output | null);
}
