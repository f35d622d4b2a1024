// Original file: pixelrpc/image/v1/image_service.proto

import type { Position as _pixelrpc_image_v1_Position, Position__Output as _pixelrpc_image_v1_Position__Output } from '../../../pixelrpc/image/v1/Position.js';
import type { Blend as _pixelrpc_image_v1_Blend, Blend__Output as _pixelrpc_image_v1_Blend__Output } from '../../../pixelrpc/image/v1/Blend.js';

/**
 * Composite draws an overlay image onto the image: a watermark, a badge, a
 * frame. The overlay, scaled if asked, must fit inside the image where it is
 * placed; a tiled one covers the image and is cut at its edges.
 */
export interface Composite {
  /**
   * The overlay's encoded bytes, in any format the service reads; an
   * animated overlay gives its first frame.
   */
  'image'?: (Buffer | Uint8Array | string);
  /**
   * A URL the service fetches under the same rules as a source URL
   * (IMAGE_ALLOWED_SOURCES), once per call however many steps name it.
   */
  'url'?: (string);
  /**
   * Where the overlay goes: a side, a corner or the center (the default).
   * The smart positions do not apply.
   */
  'gravity'?: (_pixelrpc_image_v1_Position);
  /**
   * Pixels in from the edge that `gravity` names (right for
   * POSITION_RIGHT_BOTTOM); on an axis it centres, to the right (x) or down
   * (y), negative to the left or up. Not with `tile`.
   */
  'offsetX'?: (number);
  'offsetY'?: (number);
  /**
   * Repeat the overlay across the whole image, its grid aligned by `gravity`.
   */
  'tile'?: (boolean);
  /**
   * From 0 (invisible) to 1 (as it is, the default).
   */
  'opacity'?: (number | string);
  /**
   * How the overlay's colours mix with the image's; BLEND_OVER by default.
   */
  'blend'?: (_pixelrpc_image_v1_Blend);
  /**
   * Scale the overlay to this fraction of the image's width (0.12 is 12%),
   * keeping its aspect ratio; 0 keeps its own size.
   */
  'widthRatio'?: (number | string);
  /**
   * The same for the height; with both, the overlay fits inside both.
   */
  'heightRatio'?: (number | string);
  'overlay'?: "image"|"url";
  '_opacity'?: "opacity";
}

/**
 * Composite draws an overlay image onto the image: a watermark, a badge, a
 * frame. The overlay, scaled if asked, must fit inside the image where it is
 * placed; a tiled one covers the image and is cut at its edges.
 */
export interface Composite__Output {
  /**
   * The overlay's encoded bytes, in any format the service reads; an
   * animated overlay gives its first frame.
   */
  'image'?: (Buffer);
  /**
   * A URL the service fetches under the same rules as a source URL
   * (IMAGE_ALLOWED_SOURCES), once per call however many steps name it.
   */
  'url'?: (string);
  /**
   * Where the overlay goes: a side, a corner or the center (the default).
   * The smart positions do not apply.
   */
  'gravity': (_pixelrpc_image_v1_Position__Output);
  /**
   * Pixels in from the edge that `gravity` names (right for
   * POSITION_RIGHT_BOTTOM); on an axis it centres, to the right (x) or down
   * (y), negative to the left or up. Not with `tile`.
   */
  'offsetX': (number);
  'offsetY': (number);
  /**
   * Repeat the overlay across the whole image, its grid aligned by `gravity`.
   */
  'tile': (boolean);
  /**
   * From 0 (invisible) to 1 (as it is, the default).
   */
  'opacity'?: (number);
  /**
   * How the overlay's colours mix with the image's; BLEND_OVER by default.
   */
  'blend': (_pixelrpc_image_v1_Blend__Output);
  /**
   * Scale the overlay to this fraction of the image's width (0.12 is 12%),
   * keeping its aspect ratio; 0 keeps its own size.
   */
  'widthRatio': (number);
  /**
   * The same for the height; with both, the overlay fits inside both.
   */
  'heightRatio': (number);
  'overlay'?: "image"|"url";
  '_opacity'?: "opacity";
}
