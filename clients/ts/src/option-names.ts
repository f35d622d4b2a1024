import type { Fit, Position } from "@pixelrpc/proto";

/**
 * The names people type for a resize's fit and position, in query strings
 * (the gateway) and on command lines (the CLI): the proto's enum values,
 * lowercase, with dashes. One list here keeps the two spellings the same.
 */
export const fitNames = ["cover", "contain", "fill", "inside", "outside"] as const;
export type FitName = (typeof fitNames)[number];

export const positionNames = [
  "center",
  "top",
  "right-top",
  "right",
  "right-bottom",
  "bottom",
  "left-bottom",
  "left",
  "left-top",
  "entropy",
  "attention",
] as const;
export type PositionName = (typeof positionNames)[number];

/** The proto's Fit for a name; cover, the proto's default meaning, when there is none. */
export const fitNamed = (name: FitName = "cover"): Fit => `FIT_${name.toUpperCase()}` as Fit;

/** The proto's Position for a name; center when there is none. */
export const positionNamed = (name: PositionName = "center"): Position => `POSITION_${name.toUpperCase().replace("-", "_")}` as Position;
