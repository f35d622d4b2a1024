/**
 * Checks the shape of messages against the proto's own definitions, before
 * they reach grpc-js. protobufjs's `fromObject`, which grpc-js serialises
 * with, turns an unknown enum name into 0, drops unknown fields, and coerces
 * misshapen values ("false" becomes true, 2^32 + 5 becomes 5); this says
 * what is wrong instead, with a path in the proto's field names
 * (`operations[0].resize.fit`), as the service's own INVALID_ARGUMENT
 * messages do.
 *
 * Two forms are understood:
 * - the object form grpc-js takes with the shared loader options
 *   (`checkMessage`): camelCase keys, enums as names (or their numbers),
 *   bytes as Uint8Array/Buffer (or base64), oneof discriminators;
 * - the proto3 JSON form (`messageFromJson`): lowerCamelCase JSON names or
 *   the proto's own names, enums as names or numbers, bytes as base64,
 *   integers as numbers or decimal strings, `null` for "absent"; it
 *   returns the object form.
 *
 * The field tables come from protobufjs's reflection of the same .proto
 * files the loader reads (`loadImageServiceRoot`, parsed with `keepCase:
 * true` so names are the proto's), built once per message type.
 */
import protobuf from "protobufjs";

import { closestName } from "./closest-name.js";
import { loaderOptions } from "./loader-options.js";
import { loadImageServiceRoot } from "./package-definition.js";

/** Messages nested deeper than this are refused (the image service's own nest 3 deep). */
export const MAX_MESSAGE_DEPTH = 32;

/** Repeated fields with more entries than this are refused (the service allows 32 operations, 16 variants). */
export const MAX_REPEATED_LENGTH = 10_000;

/** A message that does not fit its type; `path` names where, in the proto's field names. */
export class MessageShapeError extends Error {
  override readonly name = "MessageShapeError";
  /** Where the problem is: `operations[0].resize.fit`, or "" for the message itself. */
  readonly path: string;
  /** What is wrong there: `unknown value "FIT_BOGUS"; expected one of ...`. */
  readonly problem: string;

  constructor(path: string, problem: string) {
    super(path === "" ? problem : `${path}: ${problem}`);
    this.path = path;
    this.problem = problem;
  }
}

type ScalarKind = "double" | "float" | "int32" | "uint32" | "int64" | "uint64" | "bool" | "string" | "bytes";

interface Field {
  /** As in the .proto: `without_enlargement`; paths use it. */
  readonly protoName: string;
  /** The proto3 JSON name: `withoutEnlargement`. */
  readonly jsonName: string;
  /** As the loader names it on objects: `withoutEnlargement`. */
  readonly objectName: string;
  readonly repeated: boolean;
  readonly kind: ScalarKind | "enum" | "message";
  /** Fully qualified, without a leading dot, for enum and message fields. */
  readonly typeName: string;
  readonly oneof: Oneof | undefined;
}

interface Oneof {
  readonly index: number;
  readonly protoName: string;
  /** The discriminator property grpc-js adds with `oneofs: true`. */
  readonly objectName: string;
  readonly members: Field[];
}

interface MessageTable {
  readonly fullName: string;
  readonly fields: readonly Field[];
  readonly byObjectName: ReadonlyMap<string, Field>;
  /** JSON names and proto names. */
  readonly byJsonKey: ReadonlyMap<string, Field>;
  readonly oneofs: readonly Oneof[];
  readonly oneofByObjectName: ReadonlyMap<string, Oneof>;
}

interface EnumTable {
  readonly fullName: string;
  readonly names: readonly string[];
  readonly byName: ReadonlySet<string>;
  readonly byNumber: ReadonlyMap<number, string>;
  /** The values' common prefix ("FIT_"), for suggestions. */
  readonly prefix: string;
}

/** Checkers bound to one set of proto definitions. */
export interface MessageShapes {
  checkMessage(typeName: string, value: unknown, path?: string): void;
  messageFromJson<T = unknown>(typeName: string, json: unknown, path?: string): T;
}

// protobufjs's scalar type names, as the checker treats them.
const scalarKinds: ReadonlyMap<string, ScalarKind> = new Map([
  ["double", "double"],
  ["float", "float"],
  ["int32", "int32"],
  ["sint32", "int32"],
  ["sfixed32", "int32"],
  ["uint32", "uint32"],
  ["fixed32", "uint32"],
  ["int64", "int64"],
  ["sint64", "int64"],
  ["sfixed64", "int64"],
  ["uint64", "uint64"],
  ["fixed64", "uint64"],
  ["bool", "bool"],
  ["string", "string"],
  ["bytes", "bytes"],
]);

const integerRanges: Readonly<Record<string, readonly [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  // longs: Number, so what is decoded must survive as a JS number.
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

/** protoc's ToJsonName: drop each underscore, upper-case the letter after it. */
function protoJsonName(protoName: string): string {
  return protoName.replace(/_+([a-z])?/g, (_, letter: string | undefined) => (letter ?? "").toUpperCase());
}

/** A proto name as the loader names it on objects: what protobufjs's parser makes of it with the shared `keepCase`. */
const objectName = (protoName: string): string => (loaderOptions.keepCase ? protoName : protobuf.util.camelCase(protoName));

/** A reflection object's full name without the leading dot. */
const bareName = (object: protobuf.ReflectionObject): string => object.fullName.slice(1);

const join = (path: string, name: string): string => (path === "" ? name : `${path}.${name}`);

function quote(text: string): string {
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);
}

/** What a value is, for "got ..." in messages. */
function describe(value: unknown): string {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
      return String(value);
    case "undefined":
      return "undefined";
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
  }
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (isPlainObject(value)) return "an object";
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== "" ? `${/^[AEIO]/.test(name) ? "an" : "a"} ${name}` : "an object";
}

/** An object literal (or Object.create(null)), from this realm or another; not an array, Buffer, Map or class instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

function fail(path: string, problem: string): never {
  throw new MessageShapeError(path, problem);
}

function unsupported(where: string, what: string): never {
  throw new Error(`message-shape: ${where} is ${what}; the message-shape checker does not support that yet (teach proto/src/message-shape.ts)`);
}

function integerProblem(kind: string): string {
  const [min, max] = integerRanges[kind]!;
  return `expected an integer from ${min} to ${max}`;
}

const DECIMAL_INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const FLOAT_MAX = 3.4028234663852886e38;

function checkInteger(kind: string, value: number, path: string, original: unknown): number {
  const [min, max] = integerRanges[kind]!;
  if (!Number.isInteger(value) || value < min || value > max) fail(path, `${integerProblem(kind)}, got ${describe(original)}`);
  return value + 0; // -0 → 0
}

function checkFloating(kind: "double" | "float", value: number, path: string, original: unknown): number {
  if (!Number.isFinite(value) || (kind === "float" && Math.abs(value) > FLOAT_MAX)) {
    fail(path, `expected a finite number${kind === "float" ? ` within ±${FLOAT_MAX} (float)` : ""}, got ${describe(original)}`);
  }
  return value;
}

/** A Long from the `long` package (or anything shaped like one), as proto-loader's types allow for 64-bit fields. */
function longValue(value: object): number | undefined {
  const { low, high, unsigned } = value as { low?: unknown; high?: unknown; unsigned?: unknown };
  if (!Number.isInteger(low) || !Number.isInteger(high) || typeof unsigned !== "boolean") return undefined;
  const bits = (BigInt(high as number) << 32n) | BigInt((low as number) >>> 0);
  const exact = unsigned ? BigInt.asUintN(64, bits) : BigInt.asIntN(64, bits);
  return exact >= BigInt(Number.MIN_SAFE_INTEGER) && exact <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(exact) : Number.NaN;
}

const BASE64_STANDARD = /^[A-Za-z0-9+/]*$/;
const BASE64_URL = /^[A-Za-z0-9_-]*$/;

/** Decodes strict base64: one alphabet, correct padding (or none), no stray bits. */
function decodeBase64(text: string, allowUrlSafe: boolean, path: string): Buffer {
  const body = text.replace(/={1,2}$/, "");
  const padded = body.length !== text.length;
  const alphabetOk = BASE64_STANDARD.test(body) || (allowUrlSafe && BASE64_URL.test(body));
  const lengthOk = body.length % 4 !== 1 && (!padded || text.length % 4 === 0);
  const decoded = alphabetOk && lengthOk ? Buffer.from(body, "base64") : undefined;
  // Re-encoding shows stray bits in the last character ("QR==" is not canonical).
  if (!decoded || decoded.toString("base64url") !== body.replace(/\+/g, "-").replace(/\//g, "_")) {
    fail(path, `expected base64 (${allowUrlSafe ? "standard or URL-safe alphabet" : "standard alphabet"}, padding optional), got ${describe(text)}`);
  }
  return decoded;
}

class Registry implements MessageShapes {
  private readonly types = new Map<string, protobuf.Type>();
  private readonly enums = new Map<string, protobuf.Enum>();
  private readonly tables = new Map<string, MessageTable>();
  private readonly enumTables = new Map<string, EnumTable>();
  private readonly aliases = new Map<string, string>();

  constructor(root: protobuf.Root) {
    const walk = (namespace: protobuf.NamespaceBase): void => {
      for (const nested of namespace.nestedArray) {
        if (nested instanceof protobuf.Enum) this.enums.set(bareName(nested), nested);
        else if (nested instanceof protobuf.Type) {
          this.types.set(bareName(nested), nested);
          walk(nested);
        } else if (nested instanceof protobuf.Namespace) walk(nested);
      }
    };
    walk(root);
  }

  /** The full name `typeName` means: itself, without a leading dot, or a short name that only one message has. */
  private messageName(typeName: string): string {
    const cached = this.aliases.get(typeName);
    if (cached !== undefined) return cached;
    const bare = typeName.startsWith(".") ? typeName.slice(1) : typeName;
    let found: string | undefined = this.types.has(bare) ? bare : undefined;
    if (!found) {
      const matches = [...this.types.keys()].filter((name) => name.endsWith(`.${bare}`));
      if (matches.length > 1) throw new Error(`message-shape: ${typeName} is ambiguous: ${matches.join(", ")}`);
      found = matches[0];
    }
    if (!found) throw new Error(`message-shape: no message type ${typeName}`);
    this.aliases.set(typeName, found);
    return found;
  }

  private table(fullName: string): MessageTable {
    const cached = this.tables.get(fullName);
    if (cached) return cached;
    const type = this.types.get(fullName)!;
    if (fullName.startsWith("google.protobuf.")) unsupported(fullName, "a well-known type (its JSON form is special)");
    const oneofByReflection = new Map<protobuf.OneOf, Oneof>();
    const oneofs = type.oneofsArray.map((reflection, index): Oneof => {
      // proto3 `optional`: protobufjs names the synthetic oneof "_" + the field's (already cased) name.
      const synthetic = reflection.isProto3Optional ? reflection.fieldsArray[0] : undefined;
      const oneof: Oneof = {
        index,
        protoName: reflection.name,
        objectName: synthetic ? `_${objectName(synthetic.name)}` : objectName(reflection.name),
        members: [],
      };
      oneofByReflection.set(reflection, oneof);
      return oneof;
    });
    const fields = type.fieldsArray.map((reflection): Field => {
      const where = `${fullName}.${reflection.name}`;
      if (reflection.declaringField) unsupported(where, "an extension");
      if (reflection.map) unsupported(where, "a map");
      if (reflection.required) unsupported(where, "a proto2 required field");
      if (reflection.delimited) unsupported(where, "a group");
      const resolved = reflection.resolvedType;
      let kind: Field["kind"];
      let typeName = "";
      if (resolved instanceof protobuf.Type) {
        kind = "message";
        typeName = bareName(resolved);
        if (typeName.startsWith("google.protobuf.")) unsupported(where, `a well-known type (${typeName}), whose JSON form is special`);
      } else if (resolved instanceof protobuf.Enum) {
        kind = "enum";
        typeName = bareName(resolved);
      } else kind = scalarKinds.get(reflection.type) ?? unsupported(where, `of field type ${reflection.type}`);
      const oneof = reflection.partOf ? oneofByReflection.get(reflection.partOf) : undefined;
      if (reflection.partOf && !oneof) throw new Error(`message-shape: ${where} names oneof ${reflection.partOf.name}, which ${fullName} lacks`);
      const jsonNameOption: unknown = reflection.getOption("json_name");
      const field: Field = {
        protoName: reflection.name,
        jsonName: typeof jsonNameOption === "string" ? jsonNameOption : protoJsonName(reflection.name),
        objectName: objectName(reflection.name),
        repeated: reflection.repeated,
        kind,
        typeName,
        oneof,
      };
      oneof?.members.push(field);
      return field;
    });
    const byJsonKey = new Map<string, Field>();
    for (const field of fields) {
      byJsonKey.set(field.jsonName, field);
      byJsonKey.set(field.protoName, field);
    }
    const table: MessageTable = {
      fullName,
      fields,
      byObjectName: new Map(fields.map((field) => [field.objectName, field])),
      byJsonKey,
      oneofs,
      oneofByObjectName: new Map(oneofs.map((oneof) => [oneof.objectName, oneof])),
    };
    this.tables.set(fullName, table);
    return table;
  }

  private enumTable(fullName: string): EnumTable {
    const cached = this.enumTables.get(fullName);
    if (cached) return cached;
    const values = Object.entries(this.enums.get(fullName)!.values);
    const names = values.map(([name]) => name);
    const byNumber = new Map<number, string>();
    for (const [name, number] of values) if (!byNumber.has(number)) byNumber.set(number, name);
    let prefix = names.length > 1 ? names[0]! : "";
    for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
    prefix = prefix.slice(0, prefix.lastIndexOf("_") + 1);
    const table: EnumTable = { fullName, names, byName: new Set(names), byNumber, prefix };
    this.enumTables.set(fullName, table);
    return table;
  }

  private unknownField(table: MessageTable, key: string, json: boolean, path: string): never {
    const shortName = table.fullName.slice(table.fullName.lastIndexOf(".") + 1);
    if (table.fields.length === 0) fail(path, `unknown field ${quote(key)}; ${shortName} has no fields`);
    const jsonFirst = !key.includes("_");
    const candidates = table.fields.map((field): [string, ...string[]] =>
      !json ? [field.objectName, field.protoName] : jsonFirst ? [field.jsonName, field.protoName] : [field.protoName, field.jsonName],
    );
    const suggestion = closestName(key, candidates);
    const known = table.fields.map((field) => (json ? field.jsonName : field.objectName)).join(", ");
    fail(path, `unknown field ${quote(key)}; ${suggestion === undefined ? "" : `did you mean ${quote(suggestion)}? `}known: ${known}`);
  }

  private badEnum(table: EnumTable, value: unknown, path: string): never {
    const expected = `one of ${table.names.join(", ")}`;
    if (typeof value === "string" || typeof value === "number") {
      const suggestion =
        typeof value === "string"
          ? closestName(
              value,
              table.names.map((name): [string, string] => [name, name.slice(table.prefix.length)]),
            )
          : undefined;
      fail(path, `unknown value ${describe(value)}; ${suggestion === undefined ? "" : `did you mean ${quote(suggestion)}? `}expected ${expected}`);
    }
    fail(path, `expected ${expected}, got ${describe(value)}`);
  }

  private repeated(value: unknown, path: string): readonly unknown[] {
    if (!Array.isArray(value)) fail(path, `expected an array, got ${describe(value)}`);
    if (value.length > MAX_REPEATED_LENGTH) fail(path, `expected at most ${MAX_REPEATED_LENGTH} entries, got ${value.length}`);
    return value;
  }

  private message(value: unknown, path: string, depth: number): Record<string, unknown> {
    if (!isPlainObject(value)) fail(path, `expected an object, got ${describe(value)}`);
    if (depth > MAX_MESSAGE_DEPTH) fail(path, `messages nested more than ${MAX_MESSAGE_DEPTH} deep`);
    return value;
  }

  private oneofConflict(set: (Field | undefined)[], field: Field, path: string): (Field | undefined)[] {
    const oneof = field.oneof!;
    const other = set[oneof.index];
    if (other !== undefined) fail(path, `both ${other.protoName} and ${field.protoName} are set; oneof ${oneof.protoName} takes at most one`);
    set[oneof.index] = field;
    return set;
  }

  // ---- object form ----

  checkMessage(typeName: string, value: unknown, path = ""): void {
    this.checkObject(this.table(this.messageName(typeName)), value, path, 0);
  }

  private checkObject(table: MessageTable, value: unknown, path: string, depth: number): void {
    const object = this.message(value, path, depth);
    let oneofsSet: (Field | undefined)[] | undefined;
    let discriminators: [Oneof, unknown][] | undefined;
    for (const key of Object.keys(object)) {
      const field = table.byObjectName.get(key);
      const fieldValue = object[key];
      if (field === undefined) {
        const oneof = table.oneofByObjectName.get(key);
        if (!oneof) this.unknownField(table, key, false, path);
        if (fieldValue !== undefined && fieldValue !== null) (discriminators ??= []).push([oneof, fieldValue]);
        continue;
      }
      // fromObject skips null and undefined alike.
      if (fieldValue === undefined || fieldValue === null) continue;
      if (field.oneof) oneofsSet = this.oneofConflict(oneofsSet ?? [], field, path);
      const fieldPath = join(path, field.protoName);
      if (field.repeated) {
        const entries = this.repeated(fieldValue, fieldPath);
        for (let i = 0; i < entries.length; i++) this.checkValue(field, entries[i], `${fieldPath}[${i}]`, depth);
      } else this.checkValue(field, fieldValue, fieldPath, depth);
    }
    for (const [oneof, named] of discriminators ?? []) {
      const set = oneofsSet?.[oneof.index];
      const members = oneof.members.map((member) => member.objectName);
      if (typeof named !== "string" || !members.includes(named)) {
        fail(path, `${oneof.objectName} must name a member of oneof ${oneof.protoName} (${members.join(", ")}), got ${describe(named)}`);
      }
      if (set?.objectName !== named) {
        fail(path, `${oneof.objectName} says ${quote(named)} but ${set === undefined ? `${named} is not set` : `${set.objectName} is set`}`);
      }
    }
  }

  private checkValue(field: Field, value: unknown, path: string, depth: number): void {
    switch (field.kind) {
      case "message":
        return this.checkObject(this.table(field.typeName), value, path, depth + 1);
      case "enum": {
        const table = this.enumTable(field.typeName);
        if (typeof value === "string" ? table.byName.has(value) : typeof value === "number" && table.byNumber.has(value)) return;
        return this.badEnum(table, value, path);
      }
      case "bool":
        if (typeof value !== "boolean") fail(path, `expected true or false, got ${describe(value)}`);
        return;
      case "string":
        if (typeof value !== "string") fail(path, `expected a string, got ${describe(value)}`);
        return;
      case "bytes":
        // The hot path: an image's bytes are looked at, never copied.
        if (value instanceof Uint8Array) return;
        if (typeof value === "string") return void decodeBase64(value, false, path);
        if (value instanceof ArrayBuffer)
          return fail(path, `expected a Uint8Array, Buffer or base64 string, got an ArrayBuffer (wrap it: new Uint8Array(buffer))`);
        return fail(path, `expected a Uint8Array, Buffer or base64 string, got ${describe(value)}`);
      case "double":
      case "float":
        if (typeof value !== "number") fail(path, `expected a finite number, got ${describe(value)}`);
        checkFloating(field.kind, value, path, value);
        return;
      case "int32":
      case "uint32":
        if (typeof value !== "number") fail(path, `${integerProblem(field.kind)}, got ${describe(value)}`);
        checkInteger(field.kind, value, path, value);
        return;
      case "int64":
      case "uint64": {
        // proto-loader's types allow number | string | Long here.
        let number: number | undefined;
        if (typeof value === "number") number = value;
        else if (typeof value === "string" && DECIMAL_INTEGER.test(value)) number = Number(value);
        else if (typeof value === "object" && value !== null) number = longValue(value);
        if (number === undefined) fail(path, `${integerProblem(field.kind)}, got ${describe(value)}`);
        checkInteger(field.kind, number, path, value);
        return;
      }
    }
  }

  // ---- JSON form ----

  messageFromJson<T = unknown>(typeName: string, json: unknown, path = ""): T {
    return this.objectFromJson(this.table(this.messageName(typeName)), json, path, 0) as T;
  }

  private objectFromJson(table: MessageTable, value: unknown, path: string, depth: number): Record<string, unknown> {
    const object = this.message(value, path, depth);
    const result: Record<string, unknown> = {};
    const seen = new Map<Field, string>();
    let oneofsSet: (Field | undefined)[] | undefined;
    for (const key of Object.keys(object)) {
      const field = table.byJsonKey.get(key);
      if (field === undefined) this.unknownField(table, key, true, path);
      const earlier = seen.get(field);
      if (earlier !== undefined) fail(path, `field ${field.protoName} is given twice, as ${quote(earlier)} and ${quote(key)}`);
      seen.set(field, key);
      const fieldValue = object[key];
      // proto3 JSON: null means the default (absent).
      if (fieldValue === null || fieldValue === undefined) continue;
      if (field.oneof) oneofsSet = this.oneofConflict(oneofsSet ?? [], field, path);
      const fieldPath = join(path, field.protoName);
      if (field.repeated) {
        const entries = this.repeated(fieldValue, fieldPath);
        result[field.objectName] = entries.map((entry, i) => this.valueFromJson(field, entry, `${fieldPath}[${i}]`, depth));
      } else result[field.objectName] = this.valueFromJson(field, fieldValue, fieldPath, depth);
    }
    return result;
  }

  private valueFromJson(field: Field, value: unknown, path: string, depth: number): unknown {
    switch (field.kind) {
      case "message":
        return this.objectFromJson(this.table(field.typeName), value, path, depth + 1);
      case "enum": {
        const table = this.enumTable(field.typeName);
        if (typeof value === "string" && table.byName.has(value)) return value;
        if (typeof value === "number" && table.byNumber.has(value)) return table.byNumber.get(value);
        return this.badEnum(table, value, path);
      }
      case "bool":
        if (typeof value !== "boolean") fail(path, `expected true or false, got ${describe(value)}`);
        return value;
      case "string":
        if (typeof value !== "string") fail(path, `expected a string, got ${describe(value)}`);
        return value;
      case "bytes":
        if (typeof value !== "string") fail(path, `expected a base64 string, got ${describe(value)}`);
        return decodeBase64(value, true, path);
      case "double":
      case "float":
        if (typeof value === "number") return checkFloating(field.kind, value, path, value);
        if (typeof value === "string" && JSON_NUMBER.test(value)) return checkFloating(field.kind, Number(value), path, value);
        return fail(path, `expected a finite number, got ${describe(value)}`);
      case "int32":
      case "uint32":
      case "int64":
      case "uint64":
        if (typeof value === "number") return checkInteger(field.kind, value, path, value);
        if (typeof value === "string" && DECIMAL_INTEGER.test(value)) return checkInteger(field.kind, Number(value), path, value);
        return fail(path, `${integerProblem(field.kind)}, got ${describe(value)}`);
    }
  }
}

/**
 * Checkers for the messages of `root`: protobufjs reflection of .proto
 * files loaded with `keepCase: true` (the proto's own names) and resolved,
 * as `loadProtoRoot` makes it. Object-form names are derived from those as
 * the shared loader options have protobufjs derive them.
 */
export function createMessageShapes(root: protobuf.Root): MessageShapes {
  return new Registry(root);
}

let imageServiceShapes: MessageShapes | undefined;

function shapes(): MessageShapes {
  imageServiceShapes ??= createMessageShapes(loadImageServiceRoot());
  return imageServiceShapes;
}

/**
 * Checks a message in the object form grpc-js takes (as a JavaScript caller
 * passes it): camelCase keys, enum names or numbers, Uint8Array/Buffer or
 * base64 for bytes, `null`/`undefined` for absent. `typeName` is a message
 * of the image service's proto, in full ("pixelrpc.image.v1.Operation") or
 * short ("Operation"); `path` prefixes every error's path
 * ("options.operations[0]"). Cheap: bytes are neither copied nor encoded.
 *
 * @throws MessageShapeError when the value does not fit.
 */
export function checkMessage(typeName: string, value: unknown, path = ""): void {
  shapes().checkMessage(typeName, value, path);
}

/**
 * The object form grpc-js takes, from a message's proto3 JSON form (a
 * JSON.parse result): keys may be JSON names (`withoutEnlargement`) or
 * proto names (`without_enlargement`); enums names or numbers; integers
 * numbers or decimal strings; bytes base64 (standard or URL-safe); `null`
 * means absent. The result has camelCase keys, enum names and Buffers.
 *
 * @throws MessageShapeError when the value does not fit.
 */
export function messageFromJson<T = unknown>(typeName: string, json: unknown, path = ""): T {
  return shapes().messageFromJson<T>(typeName, json, path);
}
