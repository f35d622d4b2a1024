// Original file: pixelrpc/image/v1/image_service.proto


export interface InfoRequest {
  /**
   * The image to describe, encoded.
   */
  'image'?: (Buffer | Uint8Array | string);
}

export interface InfoRequest__Output {
  /**
   * The image to describe, encoded.
   */
  'image': (Buffer);
}
