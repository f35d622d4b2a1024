// Original file: pixelrpc/image/v1/image_service.proto

import type { Fit as _pixelrpc_image_v1_Fit, Fit__Output as _pixelrpc_image_v1_Fit__Output } from '../../../pixelrpc/image/v1/Fit.js';
import type { Position as _pixelrpc_image_v1_Position, Position__Output as _pixelrpc_image_v1_Position__Output } from '../../../pixelrpc/image/v1/Position.js';

/**
 * Resize scales the image. Give `width`, `height` or both. With one side
 * given, the other follows the aspect ratio (FIT_FILL leaves it as it is).
 */
export interface Resize {
  'width'?: (number);
  'height'?: (number);
  'fit'?: (_pixelrpc_image_v1_Fit);
  'position'?: (_pixelrpc_image_v1_Position);
  /**
   * Never make the image larger than it is.
   */
  'withoutEnlargement'?: (boolean);
  /**
   * Padding colour for FIT_CONTAIN; default opaque black.
   */
  'background'?: (string);
  /**
   * Never make the image smaller than it is.
   */
  'withoutReduction'?: (boolean);
}

/**
 * Resize scales the image. Give `width`, `height` or both. With one side
 * given, the other follows the aspect ratio (FIT_FILL leaves it as it is).
 */
export interface Resize__Output {
  'width': (number);
  'height': (number);
  'fit': (_pixelrpc_image_v1_Fit__Output);
  'position': (_pixelrpc_image_v1_Position__Output);
  /**
   * Never make the image larger than it is.
   */
  'withoutEnlargement': (boolean);
  /**
   * Padding colour for FIT_CONTAIN; default opaque black.
   */
  'background': (string);
  /**
   * Never make the image smaller than it is.
   */
  'withoutReduction': (boolean);
}
