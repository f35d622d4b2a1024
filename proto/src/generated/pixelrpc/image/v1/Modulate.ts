// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Modulate changes brightness, saturation, hue and lightness, in that
 * order of effect; fields left unset change nothing.
 */
export interface Modulate {
  /**
   * A multiplier of brightness, 0 to 100: 0.5 halves it, 2 doubles it.
   */
  'brightness'?: (number | string);
  /**
   * A multiplier of saturation, 0 to 100: 0 is grey, 2 twice as vivid.
   */
  'saturation'?: (number | string);
  /**
   * Degrees to rotate the hue by, -360 to 360.
   */
  'hue'?: (number);
  /**
   * Added to lightness (L of LCh, 0 to 100), -100 to 100.
   */
  'lightness'?: (number | string);
  '_brightness'?: "brightness";
  '_saturation'?: "saturation";
}

/**
 * Modulate changes brightness, saturation, hue and lightness, in that
 * order of effect; fields left unset change nothing.
 */
export interface Modulate__Output {
  /**
   * A multiplier of brightness, 0 to 100: 0.5 halves it, 2 doubles it.
   */
  'brightness'?: (number);
  /**
   * A multiplier of saturation, 0 to 100: 0 is grey, 2 twice as vivid.
   */
  'saturation'?: (number);
  /**
   * Degrees to rotate the hue by, -360 to 360.
   */
  'hue': (number);
  /**
   * Added to lightness (L of LCh, 0 to 100), -100 to 100.
   */
  'lightness': (number);
  '_brightness'?: "brightness";
  '_saturation'?: "saturation";
}
