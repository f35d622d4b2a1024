// Original file: pixelrpc/image/v1/image_service.proto

import type { ExtendWith as _pixelrpc_image_v1_ExtendWith, ExtendWith__Output as _pixelrpc_image_v1_ExtendWith__Output } from '../../../pixelrpc/image/v1/ExtendWith.js';

/**
 * Extend adds pixels to the edges.
 */
export interface Extend {
  'top'?: (number);
  'right'?: (number);
  'bottom'?: (number);
  'left'?: (number);
  /**
   * Default opaque black.
   */
  'background'?: (string);
  'extendWith'?: (_pixelrpc_image_v1_ExtendWith);
}

/**
 * Extend adds pixels to the edges.
 */
export interface Extend__Output {
  'top': (number);
  'right': (number);
  'bottom': (number);
  'left': (number);
  /**
   * Default opaque black.
   */
  'background': (string);
  'extendWith': (_pixelrpc_image_v1_ExtendWith__Output);
}
