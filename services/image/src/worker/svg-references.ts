/**
 * What an SVG can make librsvg load, read as librsvg reads it. librsvg
 * honours far more than `<image href="data:...">`: any namespace prefix bound
 * to XLink, character references (`&#x64;ata:`), entities and attribute
 * defaults declared in an internal DTD subset, CSS `url()` in attributes
 * and in `<style>` (CSS escapes and XML comments inside included), `@import`,
 * `<?xml-stylesheet?>`, XInclude, and other SVG documents as data: URLs, whose
 * own references would go unseen. It loads nothing but data: URLs for an SVG
 * from memory (no base URL), so those are all that must be found; what
 * this scanner cannot read unambiguously is refused.
 */
import { ImageRejection } from "./rejection.js";

/** XML's white space; `\s` would also take bytes such as 0xA0, which are part of a UTF-8 character. */
const WS = "[ \\t\\r\\n]";
const TAG_NAME = new RegExp(`[^ \\t\\r\\n/>"'<=]+`, "y");
const ATTRIBUTE = new RegExp(`${WS}+([^ \\t\\r\\n/>"'<=]+)${WS}*=${WS}*(?:"([^"]*)"|'([^']*)')`, "y");
const TAG_END = new RegExp(`${WS}*(/?)>`, "y");
const XML_REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|[^;&< \t\r\n]+)?(;)?/g;
const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' };
const CSS_ESCAPE = /\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(\r\n|[\r\n\f])|([\s\S]))/g;
const URL_SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
/** A CSS url() and its target, quoted or not; what a quoted target holds, `url(` included, is part of it. */
const CSS_URL = /url\([ \t\r\n\f]*(?:"([^"]*)|'([^']*)|([^ \t\r\n\f)]*))/gi;
/** Encodings whose markup is plain ASCII, as this scanner reads it; libxml2 would decode others (UTF-7, EBCDIC, ...) differently. */
const ASCII_MARKUP_ENCODING = /^(?:utf-?8|(?:us-)?ascii|iso[-_]?8859-1|latin-?1|windows-1252|cp1252)$/i;

const notWellFormed = (what: string, at: number): ImageRejection => new ImageRejection(`SVG is not well-formed XML: ${what} at byte ${at}; it was not decoded`);

const preview = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}...` : text);

function xmlCharacter(code: number, reference: string): string {
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  if (!allowed) throw new ImageRejection(`SVG has the character reference &${reference}; to a character XML does not allow`);
  return String.fromCodePoint(code);
}

/** Replaces character references and the predefined entities; any other entity could only come from a DTD, which is refused. */
function decodeXml(text: string, at: number): string {
  return text.replace(XML_REFERENCE, (_match, reference: string | undefined, semicolon: string | undefined) => {
    if (reference === undefined || semicolon === undefined) throw notWellFormed("an & that starts no reference", at);
    if (reference.startsWith("#x")) return xmlCharacter(Number.parseInt(reference.slice(2), 16), reference);
    if (reference.startsWith("#")) return xmlCharacter(Number.parseInt(reference.slice(1), 10), reference);
    const predefined = PREDEFINED_ENTITIES[reference];
    if (predefined === undefined) throw new ImageRejection(`SVG uses the entity &${reference}; which no SVG accepted here can declare`);
    return predefined;
  });
}

/** An attribute's value as libxml2 hands it on: literal white space normalised to spaces, then references replaced. */
const attributeValue = (raw: string, at: number): string => decodeXml(raw.replace(/[\t\r\n]/g, " "), at);

function cssUnescape(css: string): string {
  return css.replace(CSS_ESCAPE, (_match, hex: string | undefined, newline: string | undefined, character: string | undefined) => {
    if (newline !== undefined) return "";
    if (hex === undefined) return character!;
    const code = Number.parseInt(hex, 16);
    return code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff ? "\ufffd" : String.fromCodePoint(code);
  });
}

/** Without leading and trailing C0 controls and spaces, as the URL parser trims them (a loop: a regex would backtrack over long runs). */
function trimControls(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

/** Collects what an SVG document refers to, refusing what it must not. */
class ReferenceScanner {
  readonly dataUrls: string[] = [];

  /**
   * A URL as librsvg resolves it: the URL parser drops tabs and newlines
   * anywhere (`d&#10;ata:` is `data:`) and trims control characters and
   * spaces. Fragments (`#id`) stay in the document. A relative reference
   * resolves against nothing, as an SVG from memory has no base URL (and
   * xml:base is refused); so does an absolute one other than data: (a
   * hyperlink, a file: or http: image), which librsvg does not load for an
   * SVG from memory (svg-sources.test.ts renders each to show it).
   */
  reference(value: string): void {
    const url = trimControls(value.replace(/[\t\r\n]/g, ""));
    if (URL_SCHEME.exec(url)?.[1]?.toLowerCase() === "data") this.dataUrls.push(url);
  }

  /** CSS, from a `<style>` or an attribute (librsvg parses presentation attributes as CSS too). */
  css(text: string, where: string): void {
    const css = cssUnescape(text);
    if (/@import/i.test(css)) throw new ImageRejection(`SVG's CSS imports a stylesheet (@import, ${where}); put the CSS in the SVG itself`);
    for (const [, doubleQuoted, singleQuoted, bare] of css.matchAll(CSS_URL)) {
      this.reference(doubleQuoted ?? singleQuoted ?? bare!);
    }
  }

  attribute(tag: string, name: string, value: string): void {
    const where = `${tag} ${name}`;
    if (name === "xml:base") throw new ImageRejection(`SVG sets xml:base (${where}), which would change what its references point to`);
    // Whatever the prefix: it may be bound to XLink under any name.
    if (name.slice(name.lastIndexOf(":") + 1).toLowerCase() === "href") this.reference(value);
    this.css(value, where);
  }

  /** Processing instructions: the XML declaration's encoding, and `<?xml-stylesheet href=...?>`, which librsvg loads. */
  instruction(content: string, at: number): void {
    const target = /^[^ \t\r\n]*/.exec(content)![0];
    if (target !== "xml" && target !== "xml-stylesheet") return;
    for (const [name, value] of attributes(content, target.length, at).list) {
      if (target === "xml" && name === "encoding" && !ASCII_MARKUP_ENCODING.test(value)) {
        throw new ImageRejection(`SVG declares the encoding ${preview(value)}; only UTF-8, ASCII and ISO-8859-1 SVGs are accepted`);
      }
      if (target === "xml-stylesheet") this.attribute(`<?${target}?>`, name, value);
    }
  }
}

/**
 * The attributes from `from` on in `text` (a tag or a processing
 * instruction), and where the first thing that is not one starts.
 */
function attributes(text: string, from: number, at: number): { list: [name: string, value: string][]; end: number } {
  const list: [string, string][] = [];
  let end = from;
  ATTRIBUTE.lastIndex = from;
  for (let match = ATTRIBUTE.exec(text); match; match = ATTRIBUTE.exec(text)) {
    list.push([match[1]!, attributeValue(match[2] ?? match[3]!, at)]);
    end = ATTRIBUTE.lastIndex;
  }
  return { list, end };
}

/** Where `search` ends in `text` from `from`, or a refusal naming `what` is unterminated. */
function endOf(text: string, search: string, from: number, what: string): number {
  const found = text.indexOf(search, from);
  if (found === -1) throw notWellFormed(`an unterminated ${what}`, from);
  return found;
}

/**
 * Skips a DOCTYPE. A reference to an external DTD is harmless (librsvg
 * loads none), but an internal subset can declare entities that expand into
 * hrefs or whole elements, and attribute defaults that add an href to every
 * `<image>`: SVGs with one are refused rather than expanded here.
 */
function skipDoctype(text: string, open: number): number {
  let quote: string | undefined;
  for (let index = open + 9; index < text.length; index++) {
    const character = text[index];
    if (quote) {
      if (character === quote) quote = undefined;
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === "[") {
      throw new ImageRejection(
        "SVG has a DOCTYPE with an internal subset (entity or attribute declarations), which can hide what it loads; remove the [...] part",
      );
    } else if (character === ">") {
      return index + 1;
    }
  }
  throw notWellFormed("an unterminated DOCTYPE", open);
}

/**
 * The data: URLs an SVG refers to, wherever XML or CSS hides them; throws an
 * ImageRejection for what it must not refer to, or cannot be read for sure.
 * `svg` is the document as Latin-1, one character per byte, so that every
 * byte of markup is where libxml2 sees it.
 */
export function svgDataUrls(svg: string): string[] {
  const scanner = new ReferenceScanner();
  /** Open elements, by qualified name; librsvg reads the text of its `<style>`s, whatever the prefix, as CSS. */
  const open: string[] = [];
  const isStyle = (name: string): boolean => /(?:^|:)style$/.test(name);
  let styles = 0;
  let css = "";
  let position = 0;
  while (position < svg.length) {
    const tag = svg.indexOf("<", position);
    const textEnd = tag === -1 ? svg.length : tag;
    if (styles > 0) css += decodeXml(svg.slice(position, textEnd), position);
    if (tag === -1) break;
    if (svg.startsWith("<!--", tag)) {
      position = endOf(svg, "-->", tag + 4, "comment") + 3;
    } else if (svg.startsWith("<![CDATA[", tag)) {
      const end = endOf(svg, "]]>", tag + 9, "CDATA section");
      if (styles > 0) css += svg.slice(tag + 9, end);
      position = end + 3;
    } else if (svg.startsWith("<?", tag)) {
      const end = endOf(svg, "?>", tag + 2, "processing instruction");
      scanner.instruction(svg.slice(tag + 2, end), tag);
      position = end + 2;
    } else if (svg.startsWith("<!DOCTYPE", tag)) {
      position = skipDoctype(svg, tag);
    } else if (svg.startsWith("<!", tag)) {
      throw notWellFormed("a markup declaration outside a DOCTYPE", tag);
    } else if (svg.startsWith("</", tag)) {
      position = endOf(svg, ">", tag + 2, "end tag") + 1;
      if (isStyle(open.pop() ?? "") && --styles === 0) {
        scanner.css(css, "<style>");
        css = "";
      }
    } else {
      TAG_NAME.lastIndex = tag + 1;
      const name = TAG_NAME.exec(svg)?.[0];
      if (name === undefined) throw notWellFormed("a < that starts no tag", tag);
      const found = attributes(svg, TAG_NAME.lastIndex, tag);
      for (const [attribute, value] of found.list) scanner.attribute(`<${name}>`, attribute, value);
      TAG_END.lastIndex = found.end;
      const end = TAG_END.exec(svg);
      if (!end) throw notWellFormed(`an attribute of <${name}> that cannot be read`, found.end);
      if (end[1] !== "/") {
        open.push(name);
        if (isStyle(name)) styles++;
      }
      position = TAG_END.lastIndex;
    }
  }
  return scanner.dataUrls;
}

/** A data: URL's media type and bytes. */
export interface DataUrl {
  readonly mediaType: string;
  readonly bytes: Buffer;
}

/**
 * Decodes a data: URL as librsvg does (WHATWG's data: URL processor): the
 * fragment dropped, the body percent-decoded, then forgiving base64. Only
 * base64 is accepted, and base64 that would not decode is refused, so that
 * the bytes checked are the bytes librsvg would decode.
 */
export function decodeDataUrl(url: string): DataUrl {
  const withoutFragment = url.slice("data:".length).split("#", 1)[0]!;
  const comma = withoutFragment.indexOf(",");
  const header = comma === -1 ? withoutFragment : withoutFragment.slice(0, comma);
  const mediaType = header.split(";", 1)[0]!.trim().toLowerCase();
  if (comma === -1 || !/; *base64$/i.test(header.trim())) {
    throw new ImageRejection(`SVG embeds a ${mediaType || "data:"} image that is not base64-encoded; only base64 data: images are accepted`);
  }
  const body = withoutFragment
    .slice(comma + 1)
    .replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/[\t\n\f\r ]/g, "");
  const unpadded = body.length % 4 === 0 ? body.replace(/={1,2}$/, "") : body;
  if (unpadded.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(unpadded)) {
    throw new ImageRejection("SVG embeds an image that cannot be read: its base64 is not valid");
  }
  return { mediaType, bytes: Buffer.from(unpadded, "base64") };
}
