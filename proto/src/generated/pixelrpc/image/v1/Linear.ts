// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Linear applies a * value + b to each channel: contrast and offset. Each
 * list is empty (a 1, b 0), one value for every channel, or one per channel;
 * with both set, of one length.
 */
export interface Linear {
  'a'?: (number | string)[];
  'b'?: (number | string)[];
}

/**
 * Linear applies a * value + b to each channel: contrast and offset. Each
 * list is empty (a 1, b 0), one value for every channel, or one per channel;
 * with both set, of one length.
 */
export interface Linear__Output {
  'a': (number)[];
  'b': (number)[];
}
