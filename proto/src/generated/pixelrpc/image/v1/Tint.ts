// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Tint keeps the luminance and takes the chroma of `color`.
 */
export interface Tint {
  'color'?: (string);
}

/**
 * Tint keeps the luminance and takes the chroma of `color`.
 */
export interface Tint__Output {
  'color': (string);
}
