// Original file: pixelrpc/image/v1/image_service.proto

/**
 * ExtendWith says what fills the new edges that Extend adds.
 */
export const ExtendWith = {
  /**
   * EXTEND_WITH_BACKGROUND.
   */
  EXTEND_WITH_UNSPECIFIED: 'EXTEND_WITH_UNSPECIFIED',
  EXTEND_WITH_BACKGROUND: 'EXTEND_WITH_BACKGROUND',
  EXTEND_WITH_COPY: 'EXTEND_WITH_COPY',
  EXTEND_WITH_REPEAT: 'EXTEND_WITH_REPEAT',
  EXTEND_WITH_MIRROR: 'EXTEND_WITH_MIRROR',
} as const;

/**
 * ExtendWith says what fills the new edges that Extend adds.
 */
export type ExtendWith =
  /**
   * EXTEND_WITH_BACKGROUND.
   */
  | 'EXTEND_WITH_UNSPECIFIED'
  | 0
  | 'EXTEND_WITH_BACKGROUND'
  | 1
  | 'EXTEND_WITH_COPY'
  | 2
  | 'EXTEND_WITH_REPEAT'
  | 3
  | 'EXTEND_WITH_MIRROR'
  | 4

/**
 * ExtendWith says what fills the new edges that Extend adds.
 */
export type ExtendWith__Output = typeof ExtendWith[keyof typeof ExtendWith]
