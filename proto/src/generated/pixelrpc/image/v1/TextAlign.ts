// Original file: pixelrpc/image/v1/image_service.proto

/**
 * TextAlign lines up the lines of a text.
 */
export const TextAlign = {
  /**
   * TEXT_ALIGN_LEFT.
   */
  TEXT_ALIGN_UNSPECIFIED: 'TEXT_ALIGN_UNSPECIFIED',
  TEXT_ALIGN_LEFT: 'TEXT_ALIGN_LEFT',
  TEXT_ALIGN_CENTER: 'TEXT_ALIGN_CENTER',
  TEXT_ALIGN_RIGHT: 'TEXT_ALIGN_RIGHT',
} as const;

/**
 * TextAlign lines up the lines of a text.
 */
export type TextAlign =
  /**
   * TEXT_ALIGN_LEFT.
   */
  | 'TEXT_ALIGN_UNSPECIFIED'
  | 0
  | 'TEXT_ALIGN_LEFT'
  | 1
  | 'TEXT_ALIGN_CENTER'
  | 2
  | 'TEXT_ALIGN_RIGHT'
  | 3

/**
 * TextAlign lines up the lines of a text.
 */
export type TextAlign__Output = typeof TextAlign[keyof typeof TextAlign]
