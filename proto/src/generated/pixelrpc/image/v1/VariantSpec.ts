// Original file: pixelrpc/image/v1/image_service.proto

import type { Operation as _pixelrpc_image_v1_Operation, Operation__Output as _pixelrpc_image_v1_Operation__Output } from '../../../pixelrpc/image/v1/Operation.js';
import type { OutputOptions as _pixelrpc_image_v1_OutputOptions, OutputOptions__Output as _pixelrpc_image_v1_OutputOptions__Output } from '../../../pixelrpc/image/v1/OutputOptions.js';

/**
 * VariantSpec is one output of a Variants call.
 */
export interface VariantSpec {
  /**
   * Identifies the variant in its response: "w320-webp", "thumbnail".
   */
  'name'?: (string);
  'operations'?: (_pixelrpc_image_v1_Operation)[];
  'output'?: (_pixelrpc_image_v1_OutputOptions | null);
  /**
   * As TransformRequest.preset: each variant may name its own.
   */
  'preset'?: (string);
}

/**
 * VariantSpec is one output of a Variants call.
 */
export interface VariantSpec__Output {
  /**
   * Identifies the variant in its response: "w320-webp", "thumbnail".
   */
  'name': (string);
  'operations': (_pixelrpc_image_v1_Operation__Output)[];
  'output': (_pixelrpc_image_v1_OutputOptions__Output | null);
  /**
   * As TransformRequest.preset: each variant may name its own.
   */
  'preset': (string);
}
