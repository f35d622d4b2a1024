// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Extract crops a region, in pixels of the image as it is at this step.
 */
export interface Extract {
  'left'?: (number);
  'top'?: (number);
  'width'?: (number);
  'height'?: (number);
}

/**
 * Extract crops a region, in pixels of the image as it is at this step.
 */
export interface Extract__Output {
  'left': (number);
  'top': (number);
  'width': (number);
  'height': (number);
}
