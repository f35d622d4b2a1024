import { createHmac } from "node:crypto";

/** The path signed image URLs are served from. */
export const SIGNED_IMAGE_PATH = "/v1/images";

/**
 * Query parameters of a signed image URL besides the source: the gateway's
 * transform parameters (`w`, `h`, `fit`, `position`, `format`, `q`, `blur`,
 * ... as `POST /v1/transform` takes them).
 */
export type ImageUrlOptions = Readonly<Record<string, string | number | boolean | undefined>>;

export interface SignImageUrlOptions {
  /** Where the gateway is: "https://images.example.com". */
  readonly baseUrl: string;
  /** The image to transform, an http(s) URL the image service is allowed to fetch. */
  readonly source: string;
  readonly options?: ImageUrlOptions;
  /** One of the gateway's GATEWAY_URL_SIGNING_KEYS. */
  readonly key: string;
  /** After this the URL is refused with 403: a Date, or milliseconds since the epoch. */
  readonly expiresAt?: Date | number;
}

/** RFC 3986 percent-encoding: encodeURIComponent leaves !'()* as they are. */
const encode = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The canonical form a signature covers: the path, then every parameter but
 * `sig` as `name=value`, percent-encoded per RFC 3986, sorted by name and
 * joined with `&`: `/v1/images?exp=1767225600&format=webp&url=https%3A%2F%2F...&w=800`.
 * Parameter order and encoding choices in the URL itself do not matter.
 */
export function canonicalImageRequest(parameters: Iterable<readonly [string, string]>): string {
  const pairs = [...parameters].filter(([name]) => name !== "sig").map(([name, value]) => `${encode(name)}=${encode(value)}`);
  return `${SIGNED_IMAGE_PATH}?${pairs.sort().join("&")}`;
}

/** HMAC-SHA256 of the canonical form with `key`, base64url without padding. */
export function imageRequestSignature(parameters: Iterable<readonly [string, string]>, key: string): string {
  return createHmac("sha256", key).update(canonicalImageRequest(parameters)).digest("base64url");
}

/**
 * A signed URL for the gateway's `GET /v1/images`, to put in `<img src>`:
 * anyone holding it gets exactly this transform of this source (until
 * `expiresAt`), and nothing else.
 */
export function signImageUrl({ baseUrl, source, options = {}, key, expiresAt }: SignImageUrlOptions): string {
  const parameters: [string, string][] = [["url", source]];
  for (const [name, value] of Object.entries(options)) {
    if (name === "url" || name === "sig" || name === "exp") throw new TypeError(`options.${name} is set by signImageUrl itself`);
    if (value !== undefined) parameters.push([name, String(value)]);
  }
  if (expiresAt !== undefined) parameters.push(["exp", String(Math.floor(new Date(expiresAt).getTime() / 1000))]);
  const url = new URL(SIGNED_IMAGE_PATH, baseUrl);
  for (const [name, value] of parameters) url.searchParams.append(name, value);
  url.searchParams.append("sig", imageRequestSignature(parameters, key));
  return url.href;
}
