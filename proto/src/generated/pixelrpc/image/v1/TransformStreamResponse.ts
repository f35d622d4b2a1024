// Original file: pixelrpc/image/v1/image_service.proto

import type { Progress as _pixelrpc_image_v1_Progress, Progress__Output as _pixelrpc_image_v1_Progress__Output } from '../../../pixelrpc/image/v1/Progress.js';
import type { ImageInfo as _pixelrpc_image_v1_ImageInfo, ImageInfo__Output as _pixelrpc_image_v1_ImageInfo__Output } from '../../../pixelrpc/image/v1/ImageInfo.js';

/**
 * TransformStreamResponse is one event of a TransformStream: any number of
 * progress events, then exactly one info, then the chunks of the image in
 * order (their sizes add up to info.size_bytes).
 */
export interface TransformStreamResponse {
  'progress'?: (_pixelrpc_image_v1_Progress | null);
  'info'?: (_pixelrpc_image_v1_ImageInfo | null);
  'chunk'?: (Buffer | Uint8Array | string);
  'event'?: "progress"|"info"|"chunk";
}

/**
 * TransformStreamResponse is one event of a TransformStream: any number of
 * progress events, then exactly one info, then the chunks of the image in
 * order (their sizes add up to info.size_bytes).
 */
export interface TransformStreamResponse__Output {
  'progress'?: (_pixelrpc_image_v1_Progress__Output | null);
  'info'?: (_pixelrpc_image_v1_ImageInfo__Output | null);
  'chunk'?: (Buffer);
  'event'?: "progress"|"info"|"chunk";
}
