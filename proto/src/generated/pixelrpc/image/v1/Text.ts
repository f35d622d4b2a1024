// Original file: pixelrpc/image/v1/image_service.proto

import type { Font as _pixelrpc_image_v1_Font, Font__Output as _pixelrpc_image_v1_Font__Output } from '../../../pixelrpc/image/v1/Font.js';
import type { Position as _pixelrpc_image_v1_Position, Position__Output as _pixelrpc_image_v1_Position__Output } from '../../../pixelrpc/image/v1/Position.js';
import type { TextAlign as _pixelrpc_image_v1_TextAlign, TextAlign__Output as _pixelrpc_image_v1_TextAlign__Output } from '../../../pixelrpc/image/v1/TextAlign.js';

/**
 * Text renders text onto the image, in a font that ships with the service,
 * so it looks the same on every machine. The rendered text must fit inside
 * the image where it is placed.
 */
export interface Text {
  /**
   * What to write: plain text (a newline breaks the line), or Pango markup
   * when `markup` is set. At most IMAGE_MAX_TEXT_CHARACTERS characters.
   */
  'text'?: (string);
  /**
   * The typeface; FONT_SANS by default.
   */
  'font'?: (_pixelrpc_image_v1_Font);
  /**
   * The font's size in pixels (its em); 0 means 24.
   */
  'size'?: (number);
  'bold'?: (boolean);
  'italic'?: (boolean);
  /**
   * Hex, with alpha if wanted; default black.
   */
  'color'?: (string);
  /**
   * Where the text goes, as Composite's gravity; the center by default.
   */
  'gravity'?: (_pixelrpc_image_v1_Position);
  /**
   * As Composite's offsets.
   */
  'offsetX'?: (number);
  'offsetY'?: (number);
  /**
   * Where lines wrap, in pixels; 0 wraps at the width the image has for the
   * text where it is placed.
   */
  'wrapWidth'?: (number);
  /**
   * How lines line up with each other; TEXT_ALIGN_LEFT by default.
   */
  'align'?: (_pixelrpc_image_v1_TextAlign);
  /**
   * Stretch the words of each wrapped line to the full width.
   */
  'justify'?: (boolean);
  /**
   * From 0 (invisible) to 1 (as the colour says, the default).
   */
  'opacity'?: (number | string);
  /**
   * Read `text` as Pango markup (<b>, <i>, <span foreground="..." size="...">,
   * ...): its tags and attributes are checked, and its sizes bounded.
   */
  'markup'?: (boolean);
  '_opacity'?: "opacity";
}

/**
 * Text renders text onto the image, in a font that ships with the service,
 * so it looks the same on every machine. The rendered text must fit inside
 * the image where it is placed.
 */
export interface Text__Output {
  /**
   * What to write: plain text (a newline breaks the line), or Pango markup
   * when `markup` is set. At most IMAGE_MAX_TEXT_CHARACTERS characters.
   */
  'text': (string);
  /**
   * The typeface; FONT_SANS by default.
   */
  'font': (_pixelrpc_image_v1_Font__Output);
  /**
   * The font's size in pixels (its em); 0 means 24.
   */
  'size': (number);
  'bold': (boolean);
  'italic': (boolean);
  /**
   * Hex, with alpha if wanted; default black.
   */
  'color': (string);
  /**
   * Where the text goes, as Composite's gravity; the center by default.
   */
  'gravity': (_pixelrpc_image_v1_Position__Output);
  /**
   * As Composite's offsets.
   */
  'offsetX': (number);
  'offsetY': (number);
  /**
   * Where lines wrap, in pixels; 0 wraps at the width the image has for the
   * text where it is placed.
   */
  'wrapWidth': (number);
  /**
   * How lines line up with each other; TEXT_ALIGN_LEFT by default.
   */
  'align': (_pixelrpc_image_v1_TextAlign__Output);
  /**
   * Stretch the words of each wrapped line to the full width.
   */
  'justify': (boolean);
  /**
   * From 0 (invisible) to 1 (as the colour says, the default).
   */
  'opacity'?: (number);
  /**
   * Read `text` as Pango markup (<b>, <i>, <span foreground="..." size="...">,
   * ...): its tags and attributes are checked, and its sizes bounded.
   */
  'markup': (boolean);
  '_opacity'?: "opacity";
}
