// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Grayscale converts to 8-bit greyscale (still encoded with three channels
 * for formats that need them).
 */
export interface Grayscale {
}

/**
 * Grayscale converts to 8-bit greyscale (still encoded with three channels
 * for formats that need them).
 */
export interface Grayscale__Output {
}
