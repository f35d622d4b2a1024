// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Flop mirrors the image left to right.
 */
export interface Flop {
}

/**
 * Flop mirrors the image left to right.
 */
export interface Flop__Output {
}
