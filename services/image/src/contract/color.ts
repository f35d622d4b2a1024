/** An sRGB colour with alpha from 0 (transparent) to 1 (opaque), as sharp takes it. */
export interface Color {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly alpha: number;
}

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/**
 * Parses "#rgb", "#rgba", "#rrggbb" or "#rrggbbaa". Returns undefined for the
 * empty string (the operation's default) and null for anything else.
 */
export function parseColor(text: string): Color | undefined | null {
  if (text === "") return undefined;
  if (!HEX.test(text)) return null;
  const digits = text.slice(1);
  const short = digits.length <= 4;
  const channel = (index: number): number => {
    const hex = short ? digits[index]!.repeat(2) : digits.slice(index * 2, index * 2 + 2);
    return Number.parseInt(hex, 16);
  };
  const hasAlpha = digits.length === 4 || digits.length === 8;
  return { r: channel(0), g: channel(1), b: channel(2), alpha: hasAlpha ? channel(3) / 255 : 1 };
}
