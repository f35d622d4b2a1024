// Original file: pixelrpc/image/v1/image_service.proto

import type { Operation as _pixelrpc_image_v1_Operation, Operation__Output as _pixelrpc_image_v1_Operation__Output } from '../../../pixelrpc/image/v1/Operation.js';
import type { OutputOptions as _pixelrpc_image_v1_OutputOptions, OutputOptions__Output as _pixelrpc_image_v1_OutputOptions__Output } from '../../../pixelrpc/image/v1/OutputOptions.js';
import type { InputOptions as _pixelrpc_image_v1_InputOptions, InputOptions__Output as _pixelrpc_image_v1_InputOptions__Output } from '../../../pixelrpc/image/v1/InputOptions.js';

/**
 * TransformStreamRequest holds the fields of TransformRequest, with the same
 * numbers, plus the chunk size of the streamed result.
 */
export interface TransformStreamRequest {
  'image'?: (Buffer | Uint8Array | string);
  'operations'?: (_pixelrpc_image_v1_Operation)[];
  'output'?: (_pixelrpc_image_v1_OutputOptions | null);
  'input'?: (_pixelrpc_image_v1_InputOptions | null);
  /**
   * Largest piece of the encoded image per message, in bytes; 0 means
   * 256 KiB. From 16384 (16 KiB) to the service's message limit less 1 KiB;
   * other values are refused with INVALID_ARGUMENT. The result is encoded
   * whole before its first chunk is sent, so smaller chunks would gain
   * nothing and cost a message each.
   */
  'chunkSize'?: (number);
  'url'?: (string);
  /**
   * As TransformRequest.preset.
   */
  'preset'?: (string);
  /**
   * As TransformRequest.source.
   */
  'source'?: "image"|"url";
}

/**
 * TransformStreamRequest holds the fields of TransformRequest, with the same
 * numbers, plus the chunk size of the streamed result.
 */
export interface TransformStreamRequest__Output {
  'image'?: (Buffer);
  'operations': (_pixelrpc_image_v1_Operation__Output)[];
  'output': (_pixelrpc_image_v1_OutputOptions__Output | null);
  'input': (_pixelrpc_image_v1_InputOptions__Output | null);
  /**
   * Largest piece of the encoded image per message, in bytes; 0 means
   * 256 KiB. From 16384 (16 KiB) to the service's message limit less 1 KiB;
   * other values are refused with INVALID_ARGUMENT. The result is encoded
   * whole before its first chunk is sent, so smaller chunks would gain
   * nothing and cost a message each.
   */
  'chunkSize': (number);
  'url'?: (string);
  /**
   * As TransformRequest.preset.
   */
  'preset': (string);
  /**
   * As TransformRequest.source.
   */
  'source'?: "image"|"url";
}
