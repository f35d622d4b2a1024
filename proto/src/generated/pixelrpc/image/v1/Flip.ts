// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Flip mirrors the image top to bottom.
 */
export interface Flip {
}

/**
 * Flip mirrors the image top to bottom.
 */
export interface Flip__Output {
}
