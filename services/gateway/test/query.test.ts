import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { JobLinks } from "../src/job-links.js";
import { parseQuery, querySchema, type QuerySpec } from "../src/query.js";
import { transformQuerySpec } from "../src/transform-query.js";

const spec = {
  w: { type: "integer", min: 0, max: 65535, suggestFor: ["width"] },
  angle: { type: "number", min: -360, max: 360 },
  box: { type: "integers", count: 2, min: 0, max: 9, names: "x,y" },
  on: { type: "boolean" },
  mode: { type: "enum", values: ["a", "b"] },
  tag: { type: "string", pattern: /^[a-z]+$/, expected: "lower-case letters", maxLength: 8 },
} as const satisfies QuerySpec;

const parse = (query: string, required: readonly string[] = []) => parseQuery(new URLSearchParams(query), spec, required);

describe("parseQuery", () => {
  it("reads each type by its plain decimal grammar", () => {
    assert.deepEqual({ ...parse("w=007&angle=-12.5&box=1,2&on=1&mode=b&tag=abc") }, { w: 7, angle: -12.5, box: [1, 2], on: true, mode: "b", tag: "abc" });
    assert.deepEqual({ ...parse("on=false") }, { on: false });
    assert.equal(Object.getPrototypeOf(parse("")), null, "no prototype for __proto__ to reach");
  });

  it("names what other services call a parameter, and near misses, in its error", () => {
    assert.throws(() => parse("width=1"), /^Error: unknown parameter "width"; did you mean "w"\? \(known: w, angle, box, on, mode, tag\)$/);
    assert.throws(() => parse("moode=a"), /did you mean "mode"\?/);
    assert.throws(() => parse("zzzzzz=a"), /^Error: unknown parameter "zzzzzz" \(known:/);
    assert.throws(() => parseQuery(new URLSearchParams("a=1"), {}), /this route takes no query parameters/);
  });

  it("refuses what a lenient parser would coerce, and what would overflow", () => {
    for (const query of [
      "w=0x1",
      "w=1e2",
      "w=",
      "w=Infinity",
      "w=65536",
      "w=-0",
      "angle=1e1",
      "angle=361",
      "box=1",
      "box=1,10",
      "on=yes",
      "mode=A",
      "tag=ABC",
      "tag=abcdefghi",
      "w=1&w=1",
    ]) {
      assert.throws(
        () => parse(query),
        (error: Error & { status: number }) => error.status === 400,
        query,
      );
    }
  });

  it("says which required parameters are missing", () => {
    assert.throws(() => parse("w=1", ["w", "tag", "mode"]), /^Error: missing tag, mode$/);
  });

  it("describes every parameter of the transform query to OpenAPI, and nothing else", () => {
    const schema = querySchema(transformQuerySpec, ["w"]);
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties), Object.keys(transformQuerySpec));
    assert.deepEqual(schema.properties.w, { type: "integer", minimum: 0, maximum: 65535, description: "width; 0 or absent derives it from h" });
    assert.deepEqual(schema.properties.extract, {
      type: "array",
      items: { type: "integer", minimum: 0, maximum: 65535 },
      minItems: 4,
      maxItems: 4,
      description: "left,top,width,height, separated by commas",
    });
    assert.deepEqual(schema.required, ["w"]);
  });
});

describe("JobLinks", () => {
  const created = Date.UTC(2026, 11, 1);
  const id = "3f2a3c1e-8f4b-4b5e-9c1d-0a1b2c3d4e5f";

  it("signs the same link on every gateway that shares the keys, and verifies it with any of them", () => {
    const query = new JobLinks(["k".repeat(32)], 60_000).query(id, created);
    assert.equal(new JobLinks(["k".repeat(32)], 60_000).query(id, created), query);
    assert.match(query, /^exp=\d+&sig=[\w-]{43}$/);
    new JobLinks(["n".repeat(32), "k".repeat(32)], 60_000).verify(id, new URLSearchParams(query), created);
  });

  it("refuses another job, another key, a moved expiry and an expired link", () => {
    const links = new JobLinks(["k".repeat(32)], 60_000);
    const query = new URLSearchParams(links.query(id, created));
    const forbidden = (run: () => void, detail: RegExp): void =>
      assert.throws(run, (error: Error & { status: number }) => error.status === 403 && detail.test(error.message));
    forbidden(() => links.verify(id.replace("3", "4"), query, created), /does not match/);
    forbidden(() => new JobLinks(["x".repeat(32)], 60_000).verify(id, query, created), /does not match/);
    const moved = new URLSearchParams(query);
    moved.set("exp", String(Number(query.get("exp")) + 3600));
    forbidden(() => links.verify(id, moved, created), /does not match/);
    forbidden(() => links.verify(id, query, created + 60_000), /expired at 2026-12-01T00:01:00\.000Z/);
    forbidden(() => new JobLinks([], 60_000).verify(id, query, created), /does not match/);
  });
});
