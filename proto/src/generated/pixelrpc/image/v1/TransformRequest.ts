// Original file: pixelrpc/image/v1/image_service.proto

import type { Operation as _pixelrpc_image_v1_Operation, Operation__Output as _pixelrpc_image_v1_Operation__Output } from '../../../pixelrpc/image/v1/Operation.js';
import type { OutputOptions as _pixelrpc_image_v1_OutputOptions, OutputOptions__Output as _pixelrpc_image_v1_OutputOptions__Output } from '../../../pixelrpc/image/v1/OutputOptions.js';
import type { InputOptions as _pixelrpc_image_v1_InputOptions, InputOptions__Output as _pixelrpc_image_v1_InputOptions__Output } from '../../../pixelrpc/image/v1/InputOptions.js';

export interface TransformRequest {
  /**
   * The source image, encoded (JPEG, PNG, WebP, AVIF, GIF, TIFF or SVG).
   */
  'image'?: (Buffer | Uint8Array | string);
  /**
   * Applied one after another, each to the result of the one before.
   */
  'operations'?: (_pixelrpc_image_v1_Operation)[];
  'output'?: (_pixelrpc_image_v1_OutputOptions | null);
  'input'?: (_pixelrpc_image_v1_InputOptions | null);
  /**
   * An http(s) URL the service fetches the image from. Refused with
   * PERMISSION_DENIED unless the service's IMAGE_ALLOWED_SOURCES allows it,
   * and whenever the host resolves to a private, loopback or otherwise
   * reserved address that is not explicitly allowed.
   */
  'url'?: (string);
  /**
   * The name of one of the service's presets (IMAGE_PRESETS_FILE): named
   * operations and output options. The preset's operations run first, then
   * `operations`; each field of `output` that is set (not its zero value)
   * overrides the preset's. Empty for none; an unknown name is refused with
   * INVALID_ARGUMENT, which lists the names the service knows.
   */
  'preset'?: (string);
  /**
   * Where the source image comes from: its bytes, or a URL to fetch it from.
   */
  'source'?: "image"|"url";
}

export interface TransformRequest__Output {
  /**
   * The source image, encoded (JPEG, PNG, WebP, AVIF, GIF, TIFF or SVG).
   */
  'image'?: (Buffer);
  /**
   * Applied one after another, each to the result of the one before.
   */
  'operations': (_pixelrpc_image_v1_Operation__Output)[];
  'output': (_pixelrpc_image_v1_OutputOptions__Output | null);
  'input': (_pixelrpc_image_v1_InputOptions__Output | null);
  /**
   * An http(s) URL the service fetches the image from. Refused with
   * PERMISSION_DENIED unless the service's IMAGE_ALLOWED_SOURCES allows it,
   * and whenever the host resolves to a private, loopback or otherwise
   * reserved address that is not explicitly allowed.
   */
  'url'?: (string);
  /**
   * The name of one of the service's presets (IMAGE_PRESETS_FILE): named
   * operations and output options. The preset's operations run first, then
   * `operations`; each field of `output` that is set (not its zero value)
   * overrides the preset's. Empty for none; an unknown name is refused with
   * INVALID_ARGUMENT, which lists the names the service knows.
   */
  'preset': (string);
  /**
   * Where the source image comes from: its bytes, or a URL to fetch it from.
   */
  'source'?: "image"|"url";
}
