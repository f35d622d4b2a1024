// Original file: pixelrpc/image/v1/image_service.proto

/**
 * Stage says where the work of a call is.
 */
export const Stage = {
  STAGE_UNSPECIFIED: 'STAGE_UNSPECIFIED',
  /**
   * Waiting for a worker; Progress.queue_position says behind how many.
   */
  STAGE_QUEUED: 'STAGE_QUEUED',
  /**
   * A worker has taken the call.
   */
  STAGE_STARTED: 'STAGE_STARTED',
  /**
   * Reading and checking the source's header.
   */
  STAGE_DECODING: 'STAGE_DECODING',
  /**
   * Running the operations; Progress.operation_index says which.
   */
  STAGE_TRANSFORMING: 'STAGE_TRANSFORMING',
  /**
   * Encoding the result.
   */
  STAGE_ENCODING: 'STAGE_ENCODING',
  /**
   * Fetching the source from its URL. The call has its place in the queue
   * already (a full queue refuses a call before anything is fetched, and a
   * fetch counts as a waiting task); STAGE_QUEUED follows once the source is
   * here.
   */
  STAGE_FETCHING: 'STAGE_FETCHING',
} as const;

/**
 * Stage says where the work of a call is.
 */
export type Stage =
  | 'STAGE_UNSPECIFIED'
  | 0
  /**
   * Waiting for a worker; Progress.queue_position says behind how many.
   */
  | 'STAGE_QUEUED'
  | 1
  /**
   * A worker has taken the call.
   */
  | 'STAGE_STARTED'
  | 2
  /**
   * Reading and checking the source's header.
   */
  | 'STAGE_DECODING'
  | 3
  /**
   * Running the operations; Progress.operation_index says which.
   */
  | 'STAGE_TRANSFORMING'
  | 4
  /**
   * Encoding the result.
   */
  | 'STAGE_ENCODING'
  | 5
  /**
   * Fetching the source from its URL. The call has its place in the queue
   * already (a full queue refuses a call before anything is fetched, and a
   * fetch counts as a waiting task); STAGE_QUEUED follows once the source is
   * here.
   */
  | 'STAGE_FETCHING'
  | 6

/**
 * Stage says where the work of a call is.
 */
export type Stage__Output = typeof Stage[keyof typeof Stage]
