// Original file: pixelrpc/image/v1/image_service.proto


/**
 * VariantError says why one variant failed.
 */
export interface VariantError {
  /**
   * The gRPC status code this variant alone would have failed with, such as
   * 3 (INVALID_ARGUMENT) or 8 (RESOURCE_EXHAUSTED).
   */
  'code'?: (number);
  'message'?: (string);
}

/**
 * VariantError says why one variant failed.
 */
export interface VariantError__Output {
  /**
   * The gRPC status code this variant alone would have failed with, such as
   * 3 (INVALID_ARGUMENT) or 8 (RESOURCE_EXHAUSTED).
   */
  'code': (number);
  'message': (string);
}
