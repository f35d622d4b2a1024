/**
 * The SVG check of readSource against every spelling XML and CSS allow for
 * a reference to an embedded image. Each case is first rendered by sharp
 * itself (librsvg) with a small red PNG, which proves librsvg honours that
 * spelling; then readSource must count a real oversized PNG spelled the same
 * way against the pixel limit, or refuse the construct outright.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import sharp from "sharp";

import { loadConfig, workerSettings } from "../src/process/config.js";
import { defaultInputOptions } from "../src/server/validate.js";
import { ImageRejection } from "../src/worker/rejection.js";
import { readSource } from "../src/worker/source.js";

const fixtures = fileURLToPath(new URL("../../../../shared/fixtures/", import.meta.url));
const fixture = (name: string): Buffer => readFileSync(join(fixtures, name));

/** One megapixel: the oversized PNG has 1.2. */
const limits = workerSettings(loadConfig({ IMAGE_MAX_INPUT_PIXELS: "1000000" }));
const OVER_LIMIT = /^SVG embeds raster images of 1\.2 megapixels in all, over this service's limit of 1\.0 megapixels/;
const NESTED = /^SVG embeds another SVG document as a data: URL/;
const DOCTYPE = /^SVG has a DOCTYPE with an internal subset/;

let red: string;
let oversized: string;

before(async () => {
  const png = (width: number, height: number): Promise<Buffer> =>
    sharp({ create: { width, height, channels: 3, background: "#ff0000" } })
      .png()
      .toBuffer();
  red = (await png(4, 4)).toString("base64");
  oversized = (await png(1200, 1000)).toString("base64");
});

const XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';
const svg = (body: string, attributes = ""): string => `<svg xmlns="http://www.w3.org/2000/svg" ${attributes} width="20" height="20">${body}</svg>`;
const image = (href: string, attribute = "href"): string => `<image width="20" height="20" ${attribute}="${href}"/>`;
/** An SVG document whose pattern #p and group #g draw the image `png` (base64). */
const inner = (png: string): string =>
  Buffer.from(
    svg(
      `<pattern id="p" width="20" height="20" patternUnits="userSpaceOnUse">${image(`data:image/png;base64,${png}`)}</pattern>` +
        `<g id="g">${image(`data:image/png;base64,${png}`)}</g>`,
    ),
  ).toString("base64");
const filled = (body: string): string => svg(`${body}<rect width="20" height="20"/>`);

interface Case {
  readonly name: string;
  /** The SVG, embedding the PNG whose base64 is `png`. */
  readonly svg: (png: string) => string;
  /** The refusal, for a construct refused outright; counted against the pixel limit otherwise. */
  readonly refused?: RegExp;
  /** False for constructs librsvg ignores but that are refused all the same, as they could only be meant to mislead. */
  readonly librsvgLoads?: false;
}

const cases: Case[] = [
  { name: "SVG 2 href", svg: (png) => svg(image(`data:image/png;base64,${png}`)) },
  { name: "xlink:href", svg: (png) => svg(image(`data:image/png;base64,${png}`, "xlink:href"), XLINK) },
  {
    name: "another prefix bound to XLink",
    svg: (png) => svg(image(`data:image/png;base64,${png}`, "pics:href"), 'xmlns:pics="http://www.w3.org/1999/xlink"'),
  },
  { name: "single quotes", svg: (png) => svg(`<image width="20" height="20" href='data:image/png;base64,${png}'/>`) },
  {
    name: "white space and newlines around and inside the value",
    svg: (png) => svg(`<image width="20" height="20"\n  href \n=\n "\n  data:image/png;base64,${png.slice(0, 8)}\n${png.slice(8)}\n"/>`),
  },
  { name: "hexadecimal character references", svg: (png) => svg(image(`&#x64;&#x61;ta:image/png;base64,${png}`)) },
  { name: "decimal character references", svg: (png) => svg(image(`&#100;ata&#58;image/png;base64,${png}`)) },
  { name: "a newline character reference inside the scheme", svg: (png) => svg(image(`d&#10;ata:image/png;base64,${png}`)) },
  { name: "upper-case scheme and BASE64", svg: (png) => svg(image(`DATA:image/png;BASE64,${png}`)) },
  { name: "percent-encoded base64", svg: (png) => svg(image(`data:image/png;base64,%${png.charCodeAt(0).toString(16)}${png.slice(1)}`)) },
  { name: "a space before base64", svg: (png) => svg(image(`data:image/png; base64,${png}`)) },
  {
    name: "feImage",
    svg: (png) =>
      svg(
        `<filter id="f" filterUnits="userSpaceOnUse" x="0" y="0" width="20" height="20">` +
          `<feImage x="0" y="0" width="20" height="20" preserveAspectRatio="none" href="data:image/png;base64,${png}"/></filter>` +
          `<rect width="20" height="20" filter="url(#f)"/>`,
      ),
  },
  {
    name: "an internal entity",
    svg: (png) => `<!DOCTYPE svg [<!ENTITY pic "data:image/png;base64,${png}">]>${svg(image("&pic;"))}`,
    refused: DOCTYPE,
  },
  {
    name: "an entity that expands to an element",
    svg: (png) => `<!DOCTYPE svg [<!ENTITY pic '${image(`data:image/png;base64,${png}`)}'>]>${svg("&pic;")}`,
    refused: DOCTYPE,
  },
  {
    name: "an attribute default declared in the DTD",
    svg: (png) => `<!DOCTYPE svg [<!ATTLIST image href CDATA "data:image/png;base64,${png}">]>${svg('<image width="20" height="20"/>')}`,
    refused: DOCTYPE,
  },
  { name: "an SVG image inside the SVG", svg: (png) => svg(image(`data:image/svg+xml;base64,${inner(png)}`)), refused: NESTED },
  { name: "<use> of an element of a data: SVG", svg: (png) => svg(`<use href="data:image/svg+xml;base64,${inner(png)}#g"/>`), refused: NESTED },
  {
    name: "XInclude of a data: SVG",
    svg: (png) => svg(`<xi:include href="data:image/svg+xml;base64,${inner(png)}" parse="xml"/>`, 'xmlns:xi="http://www.w3.org/2001/XInclude"'),
    refused: NESTED,
  },
  {
    name: "a fill attribute's url() into a data: SVG",
    svg: (png) => svg(`<rect width="20" height="20" fill="url(data:image/svg+xml;base64,${inner(png)}#p)"/>`),
    refused: NESTED,
  },
  {
    name: "a style attribute's url(), spelled with character references",
    svg: (png) => svg(`<rect width="20" height="20" style="fill: u&#114;l('data:image/svg+xml;base64,${inner(png)}#p')"/>`),
    refused: NESTED,
  },
  {
    name: "a <style> in CDATA",
    svg: (png) => filled(`<style><![CDATA[rect { fill: url(data:image/svg+xml;base64,${inner(png)}#p) }]]></style>`),
    refused: NESTED,
  },
  {
    name: "a <style> with CSS escapes",
    svg: (png) => filled(`<style>rect { fill: \\75 \\52 l(data:image/svg+xml;base64,${inner(png)}#p) }</style>`),
    refused: NESTED,
  },
  {
    name: "a <style> split by an XML comment",
    svg: (png) => filled(`<style>rect { fill: u<!-- -->rl(data:image/svg+xml;base64,${inner(png)}#p) }</style>`),
    refused: NESTED,
  },
  {
    name: "@import of a data: stylesheet",
    svg: (png) =>
      filled(
        `<style>@import url(data:text/css;base64,${Buffer.from(`rect { fill: url(data:image/svg+xml;base64,${inner(png)}#p) }`).toString("base64")});</style>`,
      ),
    refused: /^SVG's CSS imports a stylesheet \(@import, <style>\)/,
  },
  {
    name: "<?xml-stylesheet?> with a data: stylesheet",
    svg: (png) =>
      `<?xml-stylesheet type="text/css" href="data:text/css;base64,${Buffer.from(`rect { fill: url(data:image/svg+xml;base64,${inner(png)}#p) }`).toString("base64")}"?>` +
      filled(""),
    refused: /^SVG embeds a data: URL \(text\/css\) that is not an image this service can read/,
  },
  {
    name: "xml:base",
    svg: (png) => svg(`<g xml:base="data:image/png;base64,${png}">${image("#x")}</g>`),
    refused: /^SVG sets xml:base \(<g> xml:base\)/,
    librsvgLoads: false,
  },
];

/** Whether the centre of the 20x20 rendering is red: the embedded image was drawn. */
const rendersRed = async (svgText: string): Promise<boolean> => {
  const data = await sharp(Buffer.from(svgText)).flatten({ background: "#ffffff" }).raw().toBuffer();
  const [r, g, b] = data.subarray((10 * 20 + 10) * 3);
  return r === 255 && g! < 50 && b! < 50;
};

const refusal = (pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof ImageRejection, String(error));
  assert.match(error.message, pattern);
  return true;
};

describe("an SVG's embedded images are found however it spells them", () => {
  for (const { name, svg: make, refused, librsvgLoads } of cases) {
    it(`${name}: ${refused ? "refused" : "counted against the pixel limit"}`, async () => {
      assert.equal(await rendersRed(make(red)), librsvgLoads ?? true, "whether librsvg loads this spelling");
      const small = Buffer.from(make(red));
      if (refused) {
        await assert.rejects(readSource(small, defaultInputOptions, limits), refusal(refused));
      } else {
        assert.equal((await readSource(small, defaultInputOptions, limits)).format, "FORMAT_SVG");
        await assert.rejects(readSource(Buffer.from(make(oversized)), defaultInputOptions, limits), refusal(OVER_LIMIT));
      }
    });
  }
});

describe("what librsvg does not load is not counted, and benign SVGs still render", () => {
  const ignored: [string, (png: string) => string][] = [
    ["an <image> in a comment", (png) => svg(`<!-- ${image(`data:image/png;base64,${png}`)} -->`)],
    ["an <image> in CDATA text", (png) => svg(`<text><![CDATA[${image(`data:image/png;base64,${png}`)}]]></text>`)],
    ["an href in text", (png) => svg(`<text>href="data:image/png;base64,${png}"</text>`)],
    ["a quote in a comment before the real attributes", () => svg(`<!-- " -->${image("#x")}`)],
    // librsvg loads nothing but data: URLs for an SVG from memory: these draw nothing and are let through.
    ["an http URL", () => svg(image("http://127.0.0.1:9/a.png", "xlink:href"), XLINK)],
    ["a file URL hidden by character references", () => svg(image("&#102;ile:///etc/passwd"))],
    ["a hyperlink", () => svg(`<a href="https://example.com/"><rect width="5" height="5"/></a>`)],
  ];
  for (const [name, make] of ignored) {
    it(name, async () => {
      assert.equal(await rendersRed(make(red)), false);
      assert.equal((await readSource(Buffer.from(make(oversized)), defaultInputOptions, limits)).format, "FORMAT_SVG");
    });
  }

  const benign: [string, Buffer][] = [
    ["check.svg", fixture("check.svg")],
    // Two embedded images, and a relative href (to an SVG font librsvg does not use).
    ["struct-image-04-t.svg", fixture("struct-image-04-t.svg")],
    [
      "a DOCTYPE without an internal subset, links to #ids",
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` +
          svg(`<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs><rect width="20" height="20" style="fill: url('#g')"/>`),
      ),
    ],
  ];
  for (const [name, bytes] of benign) {
    it(`${name} renders`, async () => {
      const source = await readSource(bytes, defaultInputOptions, limits);
      const { info } = await sharp(bytes, source.decodeOptions).png().toBuffer({ resolveWithObject: true });
      assert.deepEqual([info.width, info.height], [source.width, source.height]);
    });
  }
});
