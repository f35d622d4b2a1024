// Original file: pixelrpc/image/v1/image_service.proto


/**
 * Gamma darkens by `gamma` and brightens by `gamma_out`. A resize right
 * after it runs between the two, so that it resamples in near-linear light;
 * on its own (or on an animation) the net change is their ratio.
 */
export interface Gamma {
  /**
   * 1 to 3; 0 means 2.2.
   */
  'gamma'?: (number | string);
  /**
   * 1 to 3; 0 means `gamma`'s.
   */
  'gammaOut'?: (number | string);
}

/**
 * Gamma darkens by `gamma` and brightens by `gamma_out`. A resize right
 * after it runs between the two, so that it resamples in near-linear light;
 * on its own (or on an animation) the net change is their ratio.
 */
export interface Gamma__Output {
  /**
   * 1 to 3; 0 means 2.2.
   */
  'gamma': (number);
  /**
   * 1 to 3; 0 means `gamma`'s.
   */
  'gammaOut': (number);
}
