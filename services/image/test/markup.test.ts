import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { checkMarkup, escapeMarkup, MarkupError } from "../src/contract/markup.js";
import { useShippedFonts } from "../src/process/fonts.js";

describe("checkMarkup", () => {
  it("accepts the whitelist and gives the largest size it asks for", () => {
    const cases: [string, number][] = [
      ["plain words &amp; an entity &#169; &#x263A;", 24],
      ["<b>bold</b> <i>italic</i> <u>u</u> <s>s</s> <tt>tt</tt> <sub>2</sub>", 24],
      ['<span size="36pt">big</span>', 36],
      ['<span font_size="150%">half again</span>', 36],
      ["<span size='x-large'>named</span>", 24 * 1.2 ** 2],
      ['<span size="larger"><span size="larger">twice</span></span>', 24 * 1.2 ** 2],
      ["<big><big>big big</big></big>", 24 * 1.2 ** 2],
      ['<span size="40960">1024ths</span>', 40],
      ['<span foreground="#ff0000" background="white" weight="bold" style="italic" font_family="DejaVu Serif" underline="double">all</span>', 24],
      ['<span fgalpha="50%" letter_spacing="1024" rise="-2048">spaced</span>', 24],
    ];
    for (const [markup, largest] of cases) assert.ok(Math.abs(checkMarkup(markup, 24) - largest) < 1e-9, markup);
  });

  it("refuses what it has not bounded, saying what to change", () => {
    const cases: [string, RegExp][] = [
      ['<span size="2000pt">a</span>', /asks for 2000 px in a <span>; at most 1000 px/],
      [`${"<big>".repeat(30)}a${"</big>".repeat(30)}`, /asks for \d+ px in a <big>|nests tags deeper than 16/],
      [`${"<b>".repeat(17)}a${"</b>".repeat(17)}`, /nests tags deeper than 16/],
      ['<span size="huge">a</span>', /has a size "huge": use points/],
      ["<img src='x'>", /has a <img> tag; the tags allowed are b, i, s, tt, u, span, big, small, sub, sup/],
      ['<b weight="bold">a</b>', /gives <b> an attribute \(weight\); only <span> takes attributes/],
      ['<span font="Serif 300">a</span>', /has a font attribute/],
      ['<span font_family="Arial">a</span>', /font_family="Arial", which it cannot use \(the fonts are DejaVu Sans, DejaVu Serif, DejaVu Sans Mono\)/],
      ['<span onclick="x">a</span>', /has a span attribute onclick; those allowed are size, foreground/],
      ['<span foreground="javascript:x">a</span>', /foreground="javascript:x", which it cannot use/],
      ['<span letter_spacing="99999999">a</span>', /letter_spacing="99999999", which it cannot use/],
      ["<b>open", /leaves <b> open/],
      ["<b><i>crossed</b></i>", /closes <\/b> where <i> is open/],
      ["a</b>", /closes <\/b> that was never opened/],
      ["a & b", /has an & at character 2 that starts no entity/],
      ["a &bogus; b", /has an & at character 2/],
      ["a < b", /has a < at character 2 that opens no tag/],
      ["a > b", /has a > at character 2 outside a tag/],
      ["<!-- comment -->", /has a < at character 0/],
      ["<?xml version='1.0'?>", /has a < at character 0/],
    ];
    for (const [markup, pattern] of cases) {
      assert.throws(
        () => checkMarkup(markup, 24),
        (error: unknown) => error instanceof MarkupError && pattern.test(error.message),
        markup,
      );
    }
  });

  it("escapes plain text so that markup reads it as it is, and the result passes the check", () => {
    const escaped = escapeMarkup('<b>5 > 3 & "quoted"</b>');
    assert.equal(escaped, '&lt;b&gt;5 &gt; 3 &amp; "quoted"&lt;/b&gt;');
    assert.equal(checkMarkup(escaped, 24), 24);
  });
});

describe("useShippedFonts", () => {
  it("names only the shipped fonts' directory in FONTCONFIG_FILE, and that directory has them", () => {
    const file = useShippedFonts();
    assert.equal(process.env.FONTCONFIG_FILE, file);
    const config = readFileSync(file, "utf8");
    const directories = [...config.matchAll(/<dir>([^<]*)<\/dir>/g)].map((match) => match[1]!);
    assert.equal(directories.length, 1, config);
    assert.match(directories[0]!, /dejavu-fonts-ttf[/\\]ttf$/);
    assert.doesNotMatch(config, /<include/, "no host configuration is pulled in");
    for (const font of ["DejaVuSans.ttf", "DejaVuSerif.ttf", "DejaVuSansMono.ttf", "DejaVuSans-Bold.ttf"])
      assert.ok(existsSync(join(directories[0]!, font)), font);
  });
});
