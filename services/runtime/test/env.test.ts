import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ConfigError, defaultsOf, defineVariables, Environment, parseHostPort, type Env } from "../src/index.js";

const variables = defineVariables({
  COUNT: { kind: "integer", min: 1, max: 10, default: 4, meaning: "how many" },
  ON: { kind: "flag", default: false, meaning: "whether" },
  NAMES: { kind: "list", form: "names", meaning: "who" },
  ADDR: { kind: "address", default: "127.0.0.1:80", form: "host:port", meaning: "where" },
  METRICS: { kind: "address", default: "", form: "host:port or empty", optional: true, meaning: "where metrics go" },
  PEER: { kind: "address", default: "", form: "host:port", meaning: "where the peer is" },
  BUDGET: { kind: "integer", min: 1024, max: 2 ** 40, default: 32 * 2 ** 20, unit: "bytes", meaning: "how much" },
  PATH_TO: { kind: "text", default: "", form: "a file", shownDefault: "empty: none", meaning: "which file" },
});
const read = (env: Env) => new Environment(env, variables);

/** The problems `done` reports after `use` has read `env`. */
function problemsOf(env: Env, use: (reader: ReturnType<typeof read>) => void): readonly string[] {
  const reader = read(env);
  use(reader);
  try {
    reader.done({});
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.name, "ConfigError");
    assert.equal(error.message, `invalid configuration: ${error.problems.join("; ")}`);
    return error.problems;
  }
}

describe("Environment", () => {
  it("gives the default for a variable unset, empty or blank, and trims what is set", () => {
    for (const env of [{}, { COUNT: "" }, { COUNT: "  \t" }]) assert.equal(read(env).integer("COUNT"), 4);
    assert.equal(read({ COUNT: " 7\n" }).integer("COUNT"), 7);
    assert.equal(read({ COUNT: " 7 " }).isSet("COUNT"), true);
    assert.equal(read({ COUNT: " " }).isSet("COUNT"), false);
  });

  it("reports every problem at once, in the order they were read", () => {
    const problems = problemsOf({ COUNT: "0x10", ON: "yes", ADDR: "nowhere" }, (env) => {
      env.integer("COUNT");
      env.flag("ON");
      env.address("ADDR");
      env.problem("COUNT and ON disagree");
    });
    assert.deepEqual(problems, [
      'COUNT must be a whole number from 1 to 10, got "0x10"',
      'ON must be 1, true, 0 or false, got "yes"',
      'ADDR must be host:port, got "nowhere"',
      "COUNT and ON disagree",
    ]);
  });

  it("takes whole numbers in plain decimal within their range only", () => {
    for (const raw of ["-1", "1.5", "1e3", "11", "0", "9007199254740993", "Infinity", "+3"]) {
      assert.equal(problemsOf({ COUNT: raw }, (env) => env.integer("COUNT")).length, 1, raw);
    }
    assert.deepEqual(
      problemsOf({ COUNT: "10" }, (env) => env.integer("COUNT")),
      [],
    );
  });

  it("reads flags, lists and addresses", () => {
    assert.equal(read({ ON: "true" }).flag("ON"), true);
    assert.equal(read({ ON: "1" }).flag("ON"), true);
    assert.equal(read({}).flag("ON"), false);
    assert.deepEqual(read({ NAMES: " a, ,b ,, c " }).list("NAMES"), ["a", "b", "c"]);
    assert.deepEqual(read({}).list("NAMES"), []);
    assert.deepEqual(read({ ADDR: "[::1]:9" }).address("ADDR"), { host: "::1", port: 9 });
    assert.equal(read({}).address("METRICS"), undefined);
    assert.deepEqual(
      problemsOf({}, (env) => env.address("PEER")),
      ['PEER must be host:port, got ""'],
    );
  });

  it("parses host:port, bracketed IPv6 with a zone, and refuses the rest", () => {
    assert.deepEqual(parseHostPort("localhost:0"), { host: "localhost", port: 0 });
    assert.deepEqual(parseHostPort("[fe80::1%eth0]:8080"), { host: "fe80::1%eth0", port: 8080 });
    for (const raw of ["localhost", ":80", "host:65536", "::1:80", "a b:1", "host:-1", "[::1]"]) assert.equal(parseHostPort(raw), undefined, raw);
  });
});

describe("the variables' table", () => {
  it("spells each default as the environment would", () => {
    assert.deepEqual(defaultsOf(variables), {
      COUNT: "4",
      ON: "0",
      NAMES: "",
      ADDR: "127.0.0.1:80",
      METRICS: "",
      PEER: "",
      BUDGET: "33554432",
      PATH_TO: "",
    });
  });
});
