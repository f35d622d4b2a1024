import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { gatewayVariables } from "@pixelrpc/gateway";
import { imageVariables } from "@pixelrpc/image-service";
import { defineVariables } from "@pixelrpc/service-runtime";

import { configurationPage, variableTable } from "../src/configuration.js";

const rowOf = (table: string, name: string): string | undefined => table.split("\n").find((row) => row.startsWith(`| \`${name}\` |`));

describe("the configuration reference", () => {
  it("has a row for every variable each service reads, and no other", () => {
    const page = configurationPage();
    for (const name of [...Object.keys(imageVariables), ...Object.keys(gatewayVariables)]) assert.ok(rowOf(page, name), name);
    const rows = page.split("\n").filter((row) => /^\| `[A-Z_]+` \|/.test(row));
    // The two the process is given rather than reads (MALLOC_ARENA_MAX, UV_THREADPOOL_SIZE).
    assert.equal(rows.length, Object.keys(imageVariables).length + Object.keys(gatewayVariables).length + 2);
  });

  it("shows each variable's type and range, with byte counts in binary units, its default and meaning", () => {
    const table = variableTable(imageVariables);
    assert.match(
      rowOf(table, "IMAGE_MAX_MESSAGE_BYTES")!,
      /^\| `IMAGE_MAX_MESSAGE_BYTES` \| whole number, bytes: `17408` \(17 KiB\) to `2147483647` \| `33554432` \(32 MiB\) \| largest gRPC message/,
    );
    assert.match(rowOf(table, "IMAGE_TASK_PROCESSES")!, /^\| `IMAGE_TASK_PROCESSES` \| `1`\/`true` or `0`\/`false` \| `1` \|/);
    assert.match(rowOf(table, "IMAGE_ALLOWED_SOURCES")!, /\| comma-separated http\(s\) origins or URL prefixes, or `\*` \| empty: URL sources off \|/);
    assert.match(rowOf(variableTable(gatewayVariables), "GATEWAY_JOB_TTL_MS")!, /\| whole number, milliseconds: `1000` to `604800000` \| `3600000` \|/);
  });

  it("is the same on every machine: a default that depends on it is shown in words", () => {
    assert.match(rowOf(variableTable(imageVariables), "IMAGE_POOL_THREADS")!, /\| whole number: `1` to `256` \| the number of cores \|/);
  });

  it("keeps a meaning with a pipe in one cell", () => {
    const table = variableTable(defineVariables({ ONE: { kind: "flag", default: true, meaning: "this | that" } }));
    assert.equal(rowOf(table, "ONE"), "| `ONE` | `1`/`true` or `0`/`false` | `1` | this \\| that |");
  });
});
