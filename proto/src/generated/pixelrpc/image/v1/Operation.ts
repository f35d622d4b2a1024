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
import type { Modulate as _pixelrpc_image_v1_Modulate, Modulate__Output as _pixelrpc_image_v1_Modulate__Output } from '../../../pixelrpc/image/v1/Modulate.js';
import type { Linear as _pixelrpc_image_v1_Linear, Linear__Output as _pixelrpc_image_v1_Linear__Output } from '../../../pixelrpc/image/v1/Linear.js';
import type { Gamma as _pixelrpc_image_v1_Gamma, Gamma__Output as _pixelrpc_image_v1_Gamma__Output } from '../../../pixelrpc/image/v1/Gamma.js';
import type { Tint as _pixelrpc_image_v1_Tint, Tint__Output as _pixelrpc_image_v1_Tint__Output } from '../../../pixelrpc/image/v1/Tint.js';
import type { Normalize as _pixelrpc_image_v1_Normalize, Normalize__Output as _pixelrpc_image_v1_Normalize__Output } from '../../../pixelrpc/image/v1/Normalize.js';
import type { Clahe as _pixelrpc_image_v1_Clahe, Clahe__Output as _pixelrpc_image_v1_Clahe__Output } from '../../../pixelrpc/image/v1/Clahe.js';
import type { Negate as _pixelrpc_image_v1_Negate, Negate__Output as _pixelrpc_image_v1_Negate__Output } from '../../../pixelrpc/image/v1/Negate.js';
import type { Threshold as _pixelrpc_image_v1_Threshold, Threshold__Output as _pixelrpc_image_v1_Threshold__Output } from '../../../pixelrpc/image/v1/Threshold.js';
import type { Median as _pixelrpc_image_v1_Median, Median__Output as _pixelrpc_image_v1_Median__Output } from '../../../pixelrpc/image/v1/Median.js';
import type { Pixelate as _pixelrpc_image_v1_Pixelate, Pixelate__Output as _pixelrpc_image_v1_Pixelate__Output } from '../../../pixelrpc/image/v1/Pixelate.js';
import type { Convolve as _pixelrpc_image_v1_Convolve, Convolve__Output as _pixelrpc_image_v1_Convolve__Output } from '../../../pixelrpc/image/v1/Convolve.js';

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
  'modulate'?: (_pixelrpc_image_v1_Modulate | null);
  'linear'?: (_pixelrpc_image_v1_Linear | null);
  'gamma'?: (_pixelrpc_image_v1_Gamma | null);
  'tint'?: (_pixelrpc_image_v1_Tint | null);
  'normalize'?: (_pixelrpc_image_v1_Normalize | null);
  'clahe'?: (_pixelrpc_image_v1_Clahe | null);
  'negate'?: (_pixelrpc_image_v1_Negate | null);
  'threshold'?: (_pixelrpc_image_v1_Threshold | null);
  'median'?: (_pixelrpc_image_v1_Median | null);
  'pixelate'?: (_pixelrpc_image_v1_Pixelate | null);
  'convolve'?: (_pixelrpc_image_v1_Convolve | null);
  'operation'?: "resize"|"extract"|"rotate"|"flip"|"flop"|"blur"|"sharpen"|"grayscale"|"extend"|"trim"|"flatten"|"roundCorners"|"composite"|"text"|"modulate"|"linear"|"gamma"|"tint"|"normalize"|"clahe"|"negate"|"threshold"|"median"|"pixelate"|"convolve";
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
  'modulate'?: (_pixelrpc_image_v1_Modulate__Output | null);
  'linear'?: (_pixelrpc_image_v1_Linear__Output | null);
  'gamma'?: (_pixelrpc_image_v1_Gamma__Output | null);
  'tint'?: (_pixelrpc_image_v1_Tint__Output | null);
  'normalize'?: (_pixelrpc_image_v1_Normalize__Output | null);
  'clahe'?: (_pixelrpc_image_v1_Clahe__Output | null);
  'negate'?: (_pixelrpc_image_v1_Negate__Output | null);
  'threshold'?: (_pixelrpc_image_v1_Threshold__Output | null);
  'median'?: (_pixelrpc_image_v1_Median__Output | null);
  'pixelate'?: (_pixelrpc_image_v1_Pixelate__Output | null);
  'convolve'?: (_pixelrpc_image_v1_Convolve__Output | null);
  'operation'?: "resize"|"extract"|"rotate"|"flip"|"flop"|"blur"|"sharpen"|"grayscale"|"extend"|"trim"|"flatten"|"roundCorners"|"composite"|"text"|"modulate"|"linear"|"gamma"|"tint"|"normalize"|"clahe"|"negate"|"threshold"|"median"|"pixelate"|"convolve";
}
