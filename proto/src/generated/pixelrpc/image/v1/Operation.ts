// Original file: pixelrpc/image/v1/image_service.proto

import type { Resize as _pixelrpc_image_v1_Resize, Resize__Output as _pixelrpc_image_v1_Resize__Output } from '../../../pixelrpc/image/v1/Resize.js';
import type { Extract as _pixelrpc_image_v1_Extract, Extract__Output as _pixelrpc_image_v1_Extract__Output } from '../../../pixelrpc/image/v1/Extract.js';
import type { Rotate as _pixelrpc_image_v1_Rotate, Rotate__Output as _pixelrpc_image_v1_Rotate__Output } from '../../../pixelrpc/image/v1/Rotate.js';
import type { Flip as _pixelrpc_image_v1_Flip, Flip__Output as _pixelrpc_image_v1_Flip__Output } from '../../../pixelrpc/image/v1/Flip.js';
import type { Flop as _pixelrpc_image_v1_Flop, Flop__Output as _pixelrpc_image_v1_Flop__Output } from '../../../pixelrpc/image/v1/Flop.js';
import type { Blur as _pixelrpc_image_v1_Blur, Blur__Output as _pixelrpc_image_v1_Blur__Output } from '../../../pixelrpc/image/v1/Blur.js';
import type { Sharpen as _pixelrpc_image_v1_Sharpen, Sharpen__Output as _pixelrpc_image_v1_Sharpen__Output } from '../../../pixelrpc/image/v1/Sharpen.js';
import type { Grayscale as _pixelrpc_image_v1_Grayscale, Grayscale__Output as _pixelrpc_image_v1_Grayscale__Output } from '../../../pixelrpc/image/v1/Grayscale.js';
import type { Extend as _pixelrpc_image_v1_Extend, Extend__Output as _pixelrpc_image_v1_Extend__Output } from '../../../pixelrpc/image/v1/Extend.js';
import type { Trim as _pixelrpc_image_v1_Trim, Trim__Output as _pixelrpc_image_v1_Trim__Output } from '../../../pixelrpc/image/v1/Trim.js';
import type { Flatten as _pixelrpc_image_v1_Flatten, Flatten__Output as _pixelrpc_image_v1_Flatten__Output } from '../../../pixelrpc/image/v1/Flatten.js';
import type { RoundCorners as _pixelrpc_image_v1_RoundCorners, RoundCorners__Output as _pixelrpc_image_v1_RoundCorners__Output } from '../../../pixelrpc/image/v1/RoundCorners.js';
import type { Composite as _pixelrpc_image_v1_Composite, Composite__Output as _pixelrpc_image_v1_Composite__Output } from '../../../pixelrpc/image/v1/Composite.js';
import type { Text as _pixelrpc_image_v1_Text, Text__Output as _pixelrpc_image_v1_Text__Output } from '../../../pixelrpc/image/v1/Text.js';

/**
 * Operation is one step of a transform pipeline.
 */
export interface Operation {
  'resize'?: (_pixelrpc_image_v1_Resize | null);
  'extract'?: (_pixelrpc_image_v1_Extract | null);
  'rotate'?: (_pixelrpc_image_v1_Rotate | null);
  'flip'?: (_pixelrpc_image_v1_Flip | null);
  'flop'?: (_pixelrpc_image_v1_Flop | null);
  'blur'?: (_pixelrpc_image_v1_Blur | null);
  'sharpen'?: (_pixelrpc_image_v1_Sharpen | null);
  'grayscale'?: (_pixelrpc_image_v1_Grayscale | null);
  'extend'?: (_pixelrpc_image_v1_Extend | null);
  'trim'?: (_pixelrpc_image_v1_Trim | null);
  'flatten'?: (_pixelrpc_image_v1_Flatten | null);
  'roundCorners'?: (_pixelrpc_image_v1_RoundCorners | null);
  'composite'?: (_pixelrpc_image_v1_Composite | null);
  'text'?: (_pixelrpc_image_v1_Text | null);
  'operation'?: "resize"|"extract"|"rotate"|"flip"|"flop"|"blur"|"sharpen"|"grayscale"|"extend"|"trim"|"flatten"|"roundCorners"|"composite"|"text";
}

/**
 * Operation is one step of a transform pipeline.
 */
export interface Operation__Output {
  'resize'?: (_pixelrpc_image_v1_Resize__Output | null);
  'extract'?: (_pixelrpc_image_v1_Extract__Output | null);
  'rotate'?: (_pixelrpc_image_v1_Rotate__Output | null);
  'flip'?: (_pixelrpc_image_v1_Flip__Output | null);
  'flop'?: (_pixelrpc_image_v1_Flop__Output | null);
  'blur'?: (_pixelrpc_image_v1_Blur__Output | null);
  'sharpen'?: (_pixelrpc_image_v1_Sharpen__Output | null);
  'grayscale'?: (_pixelrpc_image_v1_Grayscale__Output | null);
  'extend'?: (_pixelrpc_image_v1_Extend__Output | null);
  'trim'?: (_pixelrpc_image_v1_Trim__Output | null);
  'flatten'?: (_pixelrpc_image_v1_Flatten__Output | null);
  'roundCorners'?: (_pixelrpc_image_v1_RoundCorners__Output | null);
  'composite'?: (_pixelrpc_image_v1_Composite__Output | null);
  'text'?: (_pixelrpc_image_v1_Text__Output | null);
  'operation'?: "resize"|"extract"|"rotate"|"flip"|"flop"|"blur"|"sharpen"|"grayscale"|"extend"|"trim"|"flatten"|"roundCorners"|"composite"|"text";
}
