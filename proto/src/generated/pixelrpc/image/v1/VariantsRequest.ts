// Original file: pixelrpc/image/v1/image_service.proto

import type { VariantSpec as _pixelrpc_image_v1_VariantSpec, VariantSpec__Output as _pixelrpc_image_v1_VariantSpec__Output } from '../../../pixelrpc/image/v1/VariantSpec.js';
import type { InputOptions as _pixelrpc_image_v1_InputOptions, InputOptions__Output as _pixelrpc_image_v1_InputOptions__Output } from '../../../pixelrpc/image/v1/InputOptions.js';

export interface VariantsRequest {
  /**
   * The source image, encoded; decoded once per variant.
   */
  'image'?: (Buffer | Uint8Array | string);
  /**
   * At most 16; names must be unique.
   */
  'variants'?: (_pixelrpc_image_v1_VariantSpec)[];
  'input'?: (_pixelrpc_image_v1_InputOptions | null);
  'url'?: (string);
  /**
   * As TransformRequest.source; a URL is fetched once for all the variants.
   */
  'source'?: "image"|"url";
}

export interface VariantsRequest__Output {
  /**
   * The source image, encoded; decoded once per variant.
   */
  'image'?: (Buffer);
  /**
   * At most 16; names must be unique.
   */
  'variants': (_pixelrpc_image_v1_VariantSpec__Output)[];
  'input': (_pixelrpc_image_v1_InputOptions__Output | null);
  'url'?: (string);
  /**
   * As TransformRequest.source; a URL is fetched once for all the variants.
   */
  'source'?: "image"|"url";
}
