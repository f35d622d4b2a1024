// Original file: pixelrpc/image/v1/image_service.proto

import type { Stage as _pixelrpc_image_v1_Stage, Stage__Output as _pixelrpc_image_v1_Stage__Output } from '../../../pixelrpc/image/v1/Stage.js';

/**
 * Progress reports where a call's work is.
 */
export interface Progress {
  'stage'?: (_pixelrpc_image_v1_Stage);
  /**
   * STAGE_QUEUED: how many tasks wait ahead of this one.
   */
  'queuePosition'?: (number);
  /**
   * STAGE_TRANSFORMING: the operation that runs now (0-based), of how many.
   */
  'operationIndex'?: (number);
  'operationCount'?: (number);
  /**
   * Milliseconds since the service received the call.
   */
  'elapsedMs'?: (number);
}

/**
 * Progress reports where a call's work is.
 */
export interface Progress__Output {
  'stage': (_pixelrpc_image_v1_Stage__Output);
  /**
   * STAGE_QUEUED: how many tasks wait ahead of this one.
   */
  'queuePosition': (number);
  /**
   * STAGE_TRANSFORMING: the operation that runs now (0-based), of how many.
   */
  'operationIndex': (number);
  'operationCount': (number);
  /**
   * Milliseconds since the service received the call.
   */
  'elapsedMs': (number);
}
