// Original file: pixelrpc/image/v1/image_service.proto


export interface InfoRequest {
  /**
   * The image to describe, encoded.
   */
  'image'?: (Buffer | Uint8Array | string);
  /**
   * An http(s) URL the service fetches the image to describe from. Refused with
   * PERMISSION_DENIED unless the service's IMAGE_ALLOWED_SOURCES allows it,
   * and whenever the host resolves to a private, loopback or otherwise
   * reserved address that is not explicitly allowed.
   */
  'url'?: (string);
  /**
   * Also compute placeholders for lazy loading (InfoResponse.placeholders).
   */
  'placeholders'?: (boolean);
  'source'?: "image"|"url";
}

export interface InfoRequest__Output {
  /**
   * The image to describe, encoded.
   */
  'image'?: (Buffer);
  /**
   * An http(s) URL the service fetches the image to describe from. Refused with
   * PERMISSION_DENIED unless the service's IMAGE_ALLOWED_SOURCES allows it,
   * and whenever the host resolves to a private, loopback or otherwise
   * reserved address that is not explicitly allowed.
   */
  'url'?: (string);
  /**
   * Also compute placeholders for lazy loading (InfoResponse.placeholders).
   */
  'placeholders': (boolean);
  'source'?: "image"|"url";
}
