import type { OutputFormat } from "@pixelrpc/proto";

/** The most encodes a search for `max_bytes` makes, the first (at the ceiling) included. */
export const MAX_BUDGET_ENCODES = 10;

/** What the encode cost check counts a search as: its median encodes for budgets across the standard photo's measured size curves (budget.test.ts). */
export const TYPICAL_BUDGET_ENCODES = 4;

/**
 * How fast the log of the size grows with the quality, to extrapolate the
 * bracket's lower end before any encode has fitted: the standard photo at
 * 800 wide grew about 2% a quality step in JPEG and WebP between 40 and 80,
 * 4% in AVIF. Once an encode fits, guesses interpolate between encodes only.
 */
const GROWTH_PER_STEP: Readonly<Partial<Record<OutputFormat, number>>> = { FORMAT_AVIF: 0.04 };
const GROWTH_PER_STEP_ELSEWHERE = 0.02;

/** An encode at one quality: its size, and what the caller made of it. */
export interface Encode<Result> {
  readonly quality: number;
  readonly bytes: number;
  readonly result: Result;
}

/** The search's answer: the highest quality that fits, or when none does, the encode at quality 1. */
export type Search<Result> = Encode<Result> & { readonly fits: boolean };

/**
 * One end of the bracket the highest quality that fits lies in, with how far
 * its size is over the budget as a log ratio (0 or less fits). Quality 0
 * stands for "below 1": it fits by definition but is never encoded, and its
 * excess is extrapolated from the format's growth.
 */
type Probe<Result> = Encode<Result> & { readonly excess: number };
type Bound<Result> = Probe<Result> | { readonly quality: 0; readonly excess: number; readonly bytes?: undefined; readonly result?: undefined };

/**
 * The highest quality from `ceiling` down whose encode fits `budget`: the
 * ceiling first (most calls fit it: one encode), then a bracket that
 * narrows until the quality that fits is next to one that does not, so the
 * one step higher is known not to fit. Each guess interpolates the log of
 * the size between the bracket's ends (the Illinois variant of regula
 * falsi: an end that stays put twice running counts half as far off, so
 * the guesses cannot creep up from one side) while the encodes left would
 * still let halving finish, and halves when they would not: the search
 * never takes more than MAX_BUDGET_ENCODES (quality 1 to 100 takes 7
 * halvings). File size grows with quality almost everywhere; where it does
 * not, the answer is still a quality that fits next to one that does not.
 */
export async function highestFitting<Result>(
  budget: number,
  ceiling: number,
  format: OutputFormat,
  encodeAt: (quality: number) => Promise<Encode<Result>>,
): Promise<Search<Result>> {
  const excessOf = (encode: Encode<Result>): Probe<Result> => ({ ...encode, excess: Math.log(encode.bytes / budget) });
  const answer = ({ quality, bytes, result }: Encode<Result>, fits: boolean): Search<Result> => ({ quality, bytes, result, fits });
  let high = excessOf(await encodeAt(ceiling));
  if (high.excess <= 0) return answer(high, true);
  let low: Bound<Result> = { quality: 0, excess: high.excess - ceiling * (GROWTH_PER_STEP[format] ?? GROWTH_PER_STEP_ELSEWHERE) };
  let encodes = 1;
  let moved: "low" | "high" | undefined;
  while (high.quality - low.quality > 1) {
    const halvingsNeeded = Math.ceil(Math.log2(high.quality - low.quality));
    const falls = high.excess - low.excess;
    const interpolate = falls > 0 && MAX_BUDGET_ENCODES - encodes > halvingsNeeded;
    const guess = interpolate ? high.quality - (high.excess / falls) * (high.quality - low.quality) : (low.quality + high.quality) / 2;
    const next = excessOf(await encodeAt(Math.min(high.quality - 1, Math.max(low.quality + 1, Math.floor(guess)))));
    encodes++;
    const side = next.excess <= 0 ? "low" : "high";
    if (side === "low") {
      low = next;
      if (moved === "low") high = { ...high, excess: high.excess / 2 };
    } else {
      high = next;
      if (moved === "high") low = { ...low, excess: low.excess / 2 };
    }
    moved = side;
  }
  return low.bytes === undefined ? answer(high, false) : answer(low, true);
}
