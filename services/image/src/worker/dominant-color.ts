/** 16 levels per channel, as libvips' own estimate (vips_hist_find_ndim with 16 bins). */
const LEVELS = 16;
const BIN_WIDTH = 256 / LEVELS;
/** Pixels less opaque than this are not seen, so they do not count. */
const VISIBLE_ALPHA = 128;

const hex = (value: number): string => value.toString(16).padStart(2, "0");

/** The most populated bin of a 16x16x16 histogram of RGBA pixels, counting only those with alpha from `minAlpha`; -1 when none has. */
function mostPopulatedBin(rgba: Uint8Array, minAlpha: number): number {
  const counts = new Uint32Array(LEVELS ** 3);
  let counted = 0;
  for (let offset = 0; offset + 3 < rgba.length; offset += 4) {
    if (rgba[offset + 3]! < minAlpha) continue;
    const level = (channel: number): number => Math.floor(rgba[offset + channel]! / BIN_WIDTH);
    counts[(level(0) * LEVELS + level(1)) * LEVELS + level(2)]!++;
    counted++;
  }
  // On a tie the lowest bin wins, as in libvips' search for the maximum.
  return counted === 0 ? -1 : counts.indexOf(Math.max(...counts));
}

/**
 * The most common visible colour of `rgba` (8-bit sRGB pixels with alpha,
 * a sample of the image), as the centre of the most populated bin of a
 * 16-level-per-channel histogram: "#rrggbb". Transparent pixels are left
 * out (their colour is not seen, and resampling turns it black); an image
 * with no visible pixel is counted whole.
 */
export function dominantColorOf(rgba: Uint8Array): string {
  const visible = mostPopulatedBin(rgba, VISIBLE_ALPHA);
  const best = visible >= 0 ? visible : mostPopulatedBin(rgba, 0);
  const center = (level: number): string => hex(level * BIN_WIDTH + BIN_WIDTH / 2);
  return `#${center(Math.floor(best / LEVELS ** 2))}${center(Math.floor(best / LEVELS) % LEVELS)}${center(best % LEVELS)}`;
}
