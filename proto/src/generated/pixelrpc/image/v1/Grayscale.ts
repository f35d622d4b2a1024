// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Grayscale removes colour: the output is grey, encoded as sRGB (three
 * channels, plus alpha where the image has it).
 */
export interface Grayscale {
}

/**
 * Grayscale removes colour: the output is grey, encoded as sRGB (three
 * channels, plus alpha where the image has it).
 */
export interface Grayscale__Output {
}
