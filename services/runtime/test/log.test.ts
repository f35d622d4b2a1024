import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { createLogger, type LogLevel } from "../src/index.js";

/** A logger that collects its lines instead of writing them to stdout. */
function capture(component = "test-component") {
  const lines: string[] = [];
  const logger = createLogger(component, (line) => lines.push(line));
  const entries = (): Record<string, unknown>[] => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe("createLogger", () => {
  it("writes one JSON object per call, each ending in exactly one newline", () => {
    const { logger, lines } = capture();
    logger.log("info", "first");
    logger.log("warn", "second", { detail: "multi\nline" });
    assert.equal(lines.length, 2);
    for (const line of lines) {
      assert.ok(line.endsWith("\n"), JSON.stringify(line));
      assert.equal(line.indexOf("\n"), line.length - 1, `a newline inside ${JSON.stringify(line)}`);
    }
  });

  it("records time, level, component and event first, then the fields", () => {
    const { logger, lines, entries } = capture("image-service");
    const before = Date.now();
    logger.log("info", "listening", { address: "127.0.0.1", port: 50051, poolThreads: 4 });
    const after = Date.now();
    const [entry] = entries();
    assert.deepEqual(Object.keys(entry!), ["time", "level", "component", "event", "address", "port", "poolThreads"]);
    assert.equal(entry!.level, "info");
    assert.equal(entry!.component, "image-service");
    assert.equal(entry!.event, "listening");
    assert.equal(entry!.address, "127.0.0.1");
    assert.equal(entry!.port, 50051);
    assert.equal(entry!.poolThreads, 4);
    assert.ok(lines[0]!.startsWith('{"time":"'));
    const time = entry!.time as string;
    assert.match(time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.ok(Date.parse(time) >= before && Date.parse(time) <= after, `${time} is not between the calls`);
  });

  it("writes every level as given", () => {
    const { logger, entries } = capture();
    const levels: LogLevel[] = ["debug", "info", "warn", "error"];
    for (const level of levels) logger.log(level, "event");
    assert.deepEqual(
      entries().map((entry) => entry.level),
      levels,
    );
  });

  it("writes no fields beyond the four fixed ones when given none", () => {
    const { logger, entries } = capture();
    logger.log("debug", "bare");
    assert.deepEqual(Object.keys(entries()[0]!), ["time", "level", "component", "event"]);
  });

  it("serialises an Error field as its name, message and stack", () => {
    const { logger, entries } = capture();
    const error = new RangeError("out of range");
    logger.log("error", "stop_failed", { signal: "SIGTERM", error });
    const entry = entries()[0]!;
    assert.equal(entry.signal, "SIGTERM");
    assert.deepEqual(entry.error, { name: "RangeError", message: "out of range", stack: error.stack });
    assert.match((entry.error as { stack: string }).stack, /RangeError: out of range/);
  });

  it("keeps arrays and nested objects as JSON", () => {
    const { logger, entries } = capture();
    logger.log("error", "invalid_config", { problems: ["a", "b"], nested: { deep: [1, null, true] } });
    const entry = entries()[0]!;
    assert.deepEqual(entry.problems, ["a", "b"]);
    assert.deepEqual(entry.nested, { deep: [1, null, true] });
  });

  it("writes to stdout by default", (t) => {
    const written: string[] = [];
    t.mock.method(process.stdout, "write", (chunk: string) => {
      written.push(chunk);
      return true;
    });
    createLogger("stdout-test").log("info", "hello", { n: 1 });
    t.mock.restoreAll();
    assert.equal(written.length, 1);
    const entry = JSON.parse(written[0]!) as Record<string, unknown>;
    assert.equal(entry.component, "stdout-test");
    assert.equal(entry.event, "hello");
    assert.equal(entry.n, 1);
  });
});
