import { createHmac } from "node:crypto";

import { compactParameters, type CompactQuery } from "@pixelrpc/proto";

/** The path signed image URLs are served from, and the path every signature covers. */
export const SIGNED_IMAGE_PATH = "/v1/images";

/**
 * What a signed image URL asks for: the gateway's transform query options
 * (`POST /v1/transform` takes the same), under readable names. They run in
 * the gateway's fixed order: trim, extract, resize, rotate, flip, flop,
 * round corners, flatten, grayscale, blur, sharpen.
 */
export interface ImageUrlOptions {
  /** Resize box; one side alone keeps the aspect ratio. */
  readonly width?: number;
  readonly height?: number;
  readonly fit?: CompactQuery["fit"];
  readonly position?: CompactQuery["position"];
  /** Padding colour for fit "contain", hex: "#ffffff", "#ffffff00". */
  readonly background?: string;
  readonly withoutEnlargement?: boolean;
  /** Trim edges with this threshold (sharp's default is 10; 0 trims the exact colour only). */
  readonly trim?: number;
  /** Gamma around the resize, 1 to 3 (0 for 2.2). */
  readonly gamma?: number;
  readonly extract?: { readonly left: number; readonly top: number; readonly width: number; readonly height: number };
  /** Degrees clockwise. */
  readonly rotate?: number;
  readonly flip?: boolean;
  readonly flop?: boolean;
  /** Round the corners by this radius, in pixels. */
  readonly radius?: number;
  /** Round by half the shorter side: a circle for a square image. */
  readonly circle?: boolean;
  /** Background colour that alpha is merged onto, hex. */
  readonly flatten?: string;
  readonly grayscale?: boolean;
  /** Gaussian sigma; 0 is a fast mild blur. */
  readonly blur?: number;
  /** Sigma; 0 is a fast mild sharpen. */
  readonly sharpen?: number;
  /** Median filter size, 1 to 15 (0 for 3). */
  readonly median?: number;
  /** Stretch the luminance to the full range, between these percentiles (default 1 and 99). */
  readonly normalize?: boolean;
  readonly normalizeLower?: number;
  readonly normalizeUpper?: number;
  /** Local contrast (CLAHE) in tiles of this size, and its most slope (default 3, 0 no limit). */
  readonly claheWidth?: number;
  readonly claheHeight?: number;
  readonly claheSlope?: number;
  /** Multiply every channel by `linear`, then add `linearOffset`. */
  readonly linear?: number;
  readonly linearOffset?: number;
  /** Multipliers of brightness and saturation; degrees of hue; added lightness. */
  readonly brightness?: number;
  readonly saturation?: number;
  readonly hue?: number;
  readonly lightness?: number;
  /** Keep the luminance, take this colour's chroma, hex. */
  readonly tint?: string;
  /** Invert the colours (and the alpha too, with `negateAlpha`). */
  readonly negate?: boolean;
  readonly negateAlpha?: boolean;
  /** White from this value up, black below, 0 to 255; per channel with `thresholdColor`. */
  readonly threshold?: number;
  readonly thresholdColor?: boolean;
  /** Blocks of this many pixels a side. */
  readonly pixelate?: number;
  /** The URL of an image to draw onto this one (the image service must be allowed to fetch it), and where and how. */
  readonly overlay?: string;
  readonly overlayPosition?: CompactQuery["overlay_position"];
  readonly overlayX?: number;
  readonly overlayY?: number;
  readonly overlayTile?: boolean;
  readonly overlayOpacity?: number;
  readonly overlayBlend?: CompactQuery["overlay_blend"];
  /** The overlay's width or height as a fraction of the image's (0.12 is 12%). */
  readonly overlayWidth?: number;
  readonly overlayHeight?: number;
  /** Text to write onto the image, and its style and place. */
  readonly text?: string;
  readonly textFont?: CompactQuery["text_font"];
  readonly textSize?: number;
  readonly textBold?: boolean;
  readonly textItalic?: boolean;
  readonly textColor?: string;
  readonly textPosition?: CompactQuery["text_position"];
  readonly textX?: number;
  readonly textY?: number;
  readonly textWrap?: number;
  readonly textAlign?: CompactQuery["text_align"];
  readonly textJustify?: boolean;
  readonly textOpacity?: number;
  /** Read `text` as Pango markup (the image service's whitelist). */
  readonly textMarkup?: boolean;
  /** "auto" picks AVIF, WebP or JPEG from the browser's Accept header; absent keeps the source's format. */
  readonly format?: CompactQuery["format"];
  /** 1 to 100. */
  readonly quality?: number;
  readonly lossless?: boolean;
  readonly progressive?: boolean;
  readonly effort?: number;
  readonly keepMetadata?: boolean;
  /** Animations (with `animated` and a GIF or WebP format): how many times it plays, 0 for ever; absent keeps the source's. */
  readonly loop?: number;
  /** Animations: every frame's delay, in milliseconds; absent keeps the source's. */
  readonly delaysMs?: number;
  /** GIF: the most palette entries, 2 to 256. */
  readonly colors?: number;
  /** GIF: error diffusion, 0 (none) to 1. */
  readonly dither?: number;
  /** Animated WebP: no key frames, for the smallest file. */
  readonly minSize?: boolean;
  /** Animated WebP: lossy and lossless frames may mix. */
  readonly mixed?: boolean;
  /** A budget in bytes: the highest quality up to `quality` (or the default) whose result fits; JPEG, lossy WebP and AVIF. */
  readonly maxBytes?: number;
  /** Read every frame of an animated GIF or WebP, and keep them in a GIF or WebP result. */
  readonly animated?: boolean;
  /** Device pixel ratio, 1 to 4: multiplies the sizes in pixels, for a 2x screen. */
  readonly dpr?: number;
  /** One of the image service's presets (IMAGE_PRESETS_FILE): its operations run first; the output options given here override its own. */
  readonly preset?: string;
}

/** The query parameter each option travels as: the catalogue's compact parameters, by their readable names. */
const parameterNames: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(compactParameters).map(([name, { readable }]) => [readable, name]));

export interface SignImageUrlOptions {
  /** Where the gateway is: "https://images.example.com", or with the path prefix a proxy mounts it under. */
  readonly baseUrl: string;
  /** The image to transform: an http(s) URL the image service is allowed to fetch (IMAGE_ALLOWED_SOURCES). */
  readonly source: string;
  readonly options?: ImageUrlOptions;
  /** One of the gateway's GATEWAY_URL_SIGNING_KEYS. */
  readonly key: string;
  /** After this the URL is refused with 403: a Date, or milliseconds since the epoch. */
  readonly expiresAt?: Date | number;
}

/** RFC 3986 percent-encoding of UTF-8: encodeURIComponent leaves !'()* as they are. */
const encode = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The canonical form a signature covers: the path, then every parameter but
 * `sig` as `name=value`, each side percent-encoded per RFC 3986 (UTF-8,
 * upper-case hex, only `A-Z a-z 0-9 - . _ ~` left as they are), those
 * strings sorted by byte value and joined with `&`:
 * `/v1/images?exp=1767225600&format=webp&url=https%3A%2F%2F...&w=800`.
 * The parameters are the decoded ones, so neither their order in the URL nor
 * how the URL encodes them matters.
 */
export function canonicalImageRequest(parameters: Iterable<readonly [string, string]>): string {
  const pairs = [...parameters].filter(([name]) => name !== "sig").map(([name, value]) => `${encode(name)}=${encode(value)}`);
  // Plain sort compares UTF-16 code units, which for these ASCII strings is byte order.
  return `${SIGNED_IMAGE_PATH}?${pairs.sort().join("&")}`;
}

/** HMAC-SHA256 of the canonical form with `key` (its UTF-8 bytes), base64url without padding. */
export function imageRequestSignature(parameters: Iterable<readonly [string, string]>, key: string): string {
  return createHmac("sha256", key).update(canonicalImageRequest(parameters)).digest("base64url");
}

function optionParameters(options: ImageUrlOptions): [string, string][] {
  const parameters: [string, string][] = [];
  for (const [name, value] of Object.entries(options) as [keyof ImageUrlOptions, ImageUrlOptions[keyof ImageUrlOptions]][]) {
    // Checked at run time too: a misspelt option in plain JavaScript would otherwise be signed, then refused by the gateway with 400.
    if (!Object.hasOwn(parameterNames, name))
      throw new TypeError(`options.${name} is not an image URL option (known: ${Object.keys(parameterNames).join(", ")})`);
    if (value === undefined) continue;
    const text = typeof value === "object" ? `${value.left},${value.top},${value.width},${value.height}` : String(value);
    parameters.push([parameterNames[name]!, text]);
  }
  return parameters;
}

/**
 * A signed URL for the gateway's `GET /v1/images`, to put in `<img src>`:
 * anyone holding it gets exactly this transform of this source (until
 * `expiresAt`), and nothing else.
 */
export function signImageUrl({ baseUrl, source, options = {}, key, expiresAt }: SignImageUrlOptions): string {
  if (!URL.canParse(source)) throw new TypeError(`source must be an absolute URL, got ${JSON.stringify(source)}`);
  const parameters: [string, string][] = [["url", source], ...optionParameters(options)];
  if (expiresAt !== undefined) {
    const time = new Date(expiresAt).getTime();
    if (!Number.isFinite(time)) throw new TypeError(`expiresAt must be a Date or milliseconds since the epoch, got ${String(expiresAt)}`);
    parameters.push(["exp", String(Math.floor(time / 1000))]);
  }
  const url = new URL(baseUrl);
  // The prefix belongs to whatever proxy mounts the gateway; the signature covers the gateway's own path.
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${SIGNED_IMAGE_PATH}`;
  url.search = "";
  url.hash = "";
  for (const [name, value] of parameters) url.searchParams.append(name, value);
  url.searchParams.append("sig", imageRequestSignature(parameters, key));
  return url.href;
}
