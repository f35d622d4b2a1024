/**
 * The catalogue against the .proto: every operation and output option the
 * proto declares is described, with the type its field has, and nothing
 * else is; the compact form sets only fields that exist.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type protobuf from "protobufjs";

import {
  compactForm,
  compactInput,
  compactOutput,
  compactParameters,
  imageServiceProtoFile,
  inputOptions,
  operations,
  outputFormats,
  outputOptions,
  protoRoot,
  type Argument,
  type OperationEntry,
} from "../src/index.js";
import { loadProtoRoot } from "../src/package-definition.js";

const root = loadProtoRoot(imageServiceProtoFile, [protoRoot]);
const message = (name: string): protobuf.Type => root.lookupType(`pixelrpc.image.v1.${name}`);

/** What a field's proto type must be described as. */
function assertDescribes(where: string, field: protobuf.Field, argument: Argument | undefined): void {
  assert.ok(argument, `${where} is in the proto and not in the catalogue`);
  // A proto3 `optional` field sits in a synthetic oneof of its own (`_loop`): presence means something.
  const optional = field.partOf?.name === `_${field.name}`;
  assert.equal("optional" in argument && argument.optional === true, optional, `${where}: optional in the proto exactly when in the catalogue`);
  if (field.repeated) {
    assert.ok(field.type === "uint32" || field.type === "double", `${where}: the only lists are of whole numbers and of numbers`);
    assert.equal(argument.type, field.type === "uint32" ? "integers" : "numbers", `${where}: a repeated ${field.type}`);
    if (argument.type === "integers") assert.ok(argument.min >= 0 && argument.max <= 2 ** 32 - 1 && argument.maxCount > 0, `${where}: the range fits a uint32`);
    if (argument.type === "numbers") assert.ok(argument.maxCount > 0, `${where}: a list has a length limit`);
    return;
  }
  switch (field.type) {
    case "uint32":
      assert.equal(argument.type, "integer", `${where}: a uint32 is an integer`);
      if (argument.type === "integer") assert.ok(argument.min >= 0 && argument.max <= 2 ** 32 - 1, `${where}: the range fits a uint32`);
      return;
    case "int32":
      assert.equal(argument.type, "integer", `${where}: an int32 is an integer`);
      if (argument.type === "integer") assert.ok(argument.min >= -(2 ** 31) && argument.max < 2 ** 31, `${where}: the range fits an int32`);
      return;
    case "double":
    case "float":
      assert.equal(argument.type, "number", `${where}: a ${field.type} is a number`);
      return;
    case "bool":
      assert.equal(argument.type, "boolean", where);
      return;
    case "string":
      assert.ok(argument.type === "color" || argument.type === "text", `${where}: a string is a colour or a text`);
      if (argument.type === "text") assert.ok(argument.maxLength > 0, `${where}: a text has a length limit`);
      return;
    case "bytes":
      assert.equal(argument.type, "bytes", where);
      return;
    default: {
      const described = field.resolvedType;
      assert.ok(described && "values" in described, `${where}: ${field.type} is neither a scalar the catalogue knows nor an enum`);
      assert.equal(argument.type, "enum", where);
      if (argument.type === "enum") {
        assert.deepEqual(Object.keys(argument.values), Object.keys((described as protobuf.Enum).values), `${where}: every value of ${field.type}`);
        assert.ok(
          Object.keys(argument.values).every((value) => value.startsWith(argument.prefix)),
          `${where}: the prefix ${argument.prefix}`,
        );
      }
    }
  }
}

function assertSameFields(name: string, type: protobuf.Type, described: Readonly<Record<string, Argument>>): void {
  assert.deepEqual(
    Object.keys(described),
    type.fieldsArray.map((field) => field.name),
    `${name}: the catalogue's fields are the proto's, in its order`,
  );
  for (const field of type.fieldsArray) assertDescribes(`${name}.${field.name}`, field, described[field.name]);
}

describe("the catalogue", () => {
  it("describes every member of Operation's oneof, in the proto's order, and no other", () => {
    const oneof = message("Operation").oneofs.operation!;
    assert.deepEqual(
      Object.keys(operations),
      oneof.fieldsArray.map((field) => field.name),
    );
  });

  it("describes every field of each operation's message with the type the proto gives it", () => {
    for (const field of message("Operation").oneofs.operation!.fieldsArray) {
      assertSameFields(field.name, field.resolvedType as protobuf.Type, operations[field.name as keyof typeof operations].arguments);
    }
  });

  it("describes every field of InputOptions", () => {
    assertSameFields("input", message("InputOptions"), inputOptions.arguments);
  });

  it("describes every field of OutputOptions, and the formats a transform may write", () => {
    assertSameFields("output", message("OutputOptions"), outputOptions.arguments);
    const formats = Object.keys(root.lookupEnum("pixelrpc.image.v1.Format").values);
    assert.deepEqual(
      outputFormats,
      formats.filter((format) => !["FORMAT_UNSPECIFIED", "FORMAT_SVG"].includes(format)),
    );
  });

  it("describes each operation, and notes only fields it has", () => {
    for (const [name, entry] of [...Object.entries(operations), ["output", outputOptions], ["input", inputOptions]] as [string, OperationEntry][]) {
      assert.match(entry.description, /^[A-Z`].*\.$/, `${name}: a sentence for the reference`);
      for (const field of Object.keys(entry.notes ?? {})) assert.ok(field in entry.arguments, `${name}: a note on ${field}, which it does not have`);
    }
  });

  it("gives each operation one compact form, setting fields its message has", () => {
    const named = compactForm.map((entry) => entry.operation);
    assert.equal(new Set(named).size, named.length, "an operation appears once");
    for (const entry of compactForm) {
      const fields = Object.keys(operations[entry.operation].arguments);
      if (entry.form === "value") assert.ok(fields.includes(entry.field), `${entry.operation}.${entry.field}`);
      if (entry.form === "flag") {
        // A flag sets what its parameters name; every other field must have a meaning when absent.
        const set = Object.values("parameters" in entry ? (entry.parameters as Record<string, { field: string }>) : {}).map((parameter) => parameter.field);
        for (const field of fields) {
          const argument: Argument = (operations[entry.operation].arguments as Record<string, Argument>)[field]!;
          const absentMeans =
            set.includes(field) ||
            argument.type === "boolean" ||
            ("optional" in argument && argument.optional) ||
            ("zero" in argument && argument.zero !== undefined);
          assert.ok(absentMeans, `${entry.operation}.${field}: a flag leaves it unset, so unset must mean something`);
        }
      }
      if (entry.form === "fields") for (const { field } of Object.values(entry.parameters)) assert.ok(fields.includes(field), `${entry.operation}.${field}`);
    }
    for (const { field } of Object.values(compactOutput)) assert.ok(field in outputOptions.arguments, `output.${field}`);
  });

  it("names each compact parameter once, by its query name and by its readable name", () => {
    const readable = Object.values(compactParameters).map((parameter) => parameter.readable);
    assert.equal(new Set(readable).size, readable.length, readable.join(", "));
    assert.deepEqual(
      Object.keys(compactParameters),
      compactForm
        .flatMap((entry) =>
          entry.form === "fields" ? Object.keys(entry.parameters) : [entry.operation, ...Object.keys("parameters" in entry ? entry.parameters : {})],
        )
        .concat(Object.keys(compactOutput), Object.keys(compactInput), ["dpr", "preset"]),
    );
  });
});
