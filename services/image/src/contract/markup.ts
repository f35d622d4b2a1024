/**
 * Text as libvips renders it: Pango markup, always. Plain text is escaped
 * into it; markup a caller sends is read here first, by a whitelist, so that
 * it can ask for nothing the service has not bounded: its sizes (a 50,000 pt
 * span would be a gigapixel image), its fonts (only the shipped families,
 * so it renders the same everywhere), its nesting. The server checks it
 * before the call queues; the worker reads the largest size from it.
 */
import { MAX_TEXT_SIZE } from "@pixelrpc/proto";

/** Markup the service will not render; the message says what to change. */
export class MarkupError extends Error {
  override readonly name = "MarkupError";
}

/** The families that ship with the service (worker/fonts.ts), as markup may name them. */
export const SHIPPED_FAMILIES: readonly string[] = ["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono"];

/** Pango's step between named sizes, and what `<big>` and `<small>` scale by. */
const SCALE_STEP = 1.2;

/** Deeper than this is not typography. */
const MAX_DEPTH = 16;

/** A tag's effect on the size of what it holds: a factor, or nothing. */
const TAGS: Readonly<Record<string, number>> = {
  b: 1,
  i: 1,
  s: 1,
  tt: 1,
  u: 1,
  span: 1,
  big: SCALE_STEP,
  small: 1 / SCALE_STEP,
  sub: 1 / SCALE_STEP,
  sup: 1 / SCALE_STEP,
};

const NAMED_SIZES: Readonly<Record<string, number>> = {
  "xx-small": SCALE_STEP ** -3,
  "x-small": SCALE_STEP ** -2,
  small: SCALE_STEP ** -1,
  medium: 1,
  large: SCALE_STEP,
  "x-large": SCALE_STEP ** 2,
  "xx-large": SCALE_STEP ** 3,
};

const COLOR = /^(?:#[0-9a-f]{3}|#[0-9a-f]{6}|#[0-9a-f]{9}|#[0-9a-f]{12}|[a-z]{3,24})$/i;
const ALPHA = /^(?:\d{1,3}%|\d{1,5})$/;
const oneOf =
  (...values: string[]) =>
  (value: string): boolean =>
    values.includes(value.toLowerCase());

/** What each span attribute may say, apart from the sizes. */
const ATTRIBUTES: Readonly<Record<string, (value: string) => boolean>> = {
  foreground: (value) => COLOR.test(value),
  fgcolor: (value) => COLOR.test(value),
  color: (value) => COLOR.test(value),
  background: (value) => COLOR.test(value),
  bgcolor: (value) => COLOR.test(value),
  underline_color: (value) => COLOR.test(value),
  strikethrough_color: (value) => COLOR.test(value),
  alpha: (value) => ALPHA.test(value),
  fgalpha: (value) => ALPHA.test(value),
  bgalpha: (value) => ALPHA.test(value),
  weight: (value) =>
    /^\d{3,4}$/.test(value) || oneOf("thin", "ultralight", "light", "book", "normal", "medium", "semibold", "bold", "ultrabold", "heavy")(value),
  style: oneOf("normal", "oblique", "italic"),
  variant: oneOf("normal", "small-caps"),
  stretch: oneOf("ultracondensed", "extracondensed", "condensed", "semicondensed", "normal", "semiexpanded", "expanded", "extraexpanded", "ultraexpanded"),
  underline: oneOf("none", "single", "double", "low", "error"),
  strikethrough: oneOf("true", "false"),
  font_family: (value) => SHIPPED_FAMILIES.some((family) => family.toLowerCase() === value.toLowerCase()),
  face: (value) => SHIPPED_FAMILIES.some((family) => family.toLowerCase() === value.toLowerCase()),
  // In 1024ths of a point, which is a pixel here: bounded like a size.
  letter_spacing: (value) => /^-?\d{1,9}$/.test(value) && Math.abs(Number(value)) <= MAX_TEXT_SIZE * 1024,
  rise: (value) => /^-?\d{1,9}$/.test(value) && Math.abs(Number(value)) <= MAX_TEXT_SIZE * 1024,
};

/** What `size` says a span's size is, given its parent's, in pixels (points at the 72 dpi text renders at). */
function spanSize(value: string, parent: number, base: number): number | undefined {
  const text = value.toLowerCase();
  if (Object.hasOwn(NAMED_SIZES, text)) return base * NAMED_SIZES[text]!;
  if (text === "larger") return parent * SCALE_STEP;
  if (text === "smaller") return parent / SCALE_STEP;
  const match = /^(\d{1,9}(?:\.\d{1,6})?)(pt|%)?$/.exec(text);
  if (!match) return undefined;
  const number = Number(match[1]);
  if (match[2] === "pt") return number;
  if (match[2] === "%") return (parent * number) / 100;
  return number / 1024;
}

const TAG = /<(\/?)([a-zA-Z_]+)((?:\s+[a-zA-Z_]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))*)\s*>/y;
const ATTRIBUTE = /([a-zA-Z_]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/y;

const shown = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * Reads `markup` by the whitelist and returns the largest size any of it
 * asks for, in pixels; `base` is the text's own size. Throws a MarkupError
 * naming the first thing it will not render.
 */
export function checkMarkup(markup: string, base: number): number {
  const open: { name: string; size: number }[] = [];
  let largest = base;
  for (let index = 0; index < markup.length;) {
    const char = markup[index];
    if (char === "&") {
      ENTITY.lastIndex = index;
      if (!ENTITY.test(markup)) throw new MarkupError(`has an & at character ${index} that starts no entity: write &amp; for a literal &`);
      index = ENTITY.lastIndex;
      continue;
    }
    if (char === ">") throw new MarkupError(`has a > at character ${index} outside a tag: write &gt; for a literal >`);
    if (char !== "<") {
      index++;
      continue;
    }
    TAG.lastIndex = index;
    const tag = TAG.exec(markup);
    if (!tag) throw new MarkupError(`has a < at character ${index} that opens no tag it can read: write &lt; for a literal <`);
    index = TAG.lastIndex;
    const [, closing, rawName, attributes] = tag;
    const name = rawName!.toLowerCase();
    if (!Object.hasOwn(TAGS, name)) throw new MarkupError(`has a <${rawName}> tag; the tags allowed are ${Object.keys(TAGS).join(", ")}`);
    if (closing) {
      const top = open.pop();
      if (top?.name !== name) throw new MarkupError(`closes </${name}> ${top ? `where <${top.name}> is open` : "that was never opened"}`);
      continue;
    }
    if (open.length === MAX_DEPTH) throw new MarkupError(`nests tags deeper than ${MAX_DEPTH}`);
    const parent = open.at(-1)?.size ?? base;
    let size = parent * TAGS[name]!;
    for (const [, attribute, double, single] of attributes!.matchAll(ATTRIBUTE)) {
      const key = attribute!.toLowerCase();
      const value = double ?? single ?? "";
      if (name !== "span") throw new MarkupError(`gives <${name}> an attribute (${key}); only <span> takes attributes`);
      if (key === "size" || key === "font_size") {
        const asked = spanSize(value, parent, base);
        if (asked === undefined) throw new MarkupError(`has a size ${shown(value)}: use points ("24pt"), a percentage, or a name such as "large"`);
        size = asked;
        continue;
      }
      if (key === "font" || key === "font_desc") throw new MarkupError(`has a ${key} attribute: set font_family, size, weight and style apart`);
      const check = Object.hasOwn(ATTRIBUTES, key) ? ATTRIBUTES[key] : undefined;
      if (!check) throw new MarkupError(`has a span attribute ${key}; those allowed are size, ${Object.keys(ATTRIBUTES).join(", ")}`);
      if (!check(value)) {
        const families = key === "font_family" || key === "face" ? ` (the fonts are ${SHIPPED_FAMILIES.join(", ")})` : "";
        throw new MarkupError(`has ${key}=${shown(value)}, which it cannot use${families}`);
      }
    }
    if (size > MAX_TEXT_SIZE) throw new MarkupError(`asks for ${Math.round(size)} px in a <${name}>; at most ${MAX_TEXT_SIZE} px`);
    largest = Math.max(largest, size);
    open.push({ name, size });
  }
  if (open.length > 0) throw new MarkupError(`leaves <${open.at(-1)!.name}> open`);
  return largest;
}

/** Plain text as markup that says exactly it. */
export const escapeMarkup = (text: string): string => text.replace(/[&<>]/g, (char) => (char === "&" ? "&amp;" : char === "<" ? "&lt;" : "&gt;"));
