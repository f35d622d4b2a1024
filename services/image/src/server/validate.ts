import {
  camelCase,
  inputOptions,
  operationNamed,
  operations,
  outputOptions,
  type Argument,
  type InputOptions__Output,
  type Operation__Output,
  type OperationEntry,
  type OutputOptions__Output,
} from "@pixelrpc/proto";

import { parseColor } from "../contract/color.js";
import { RpcError } from "./rpc-error.js";

/** More steps than this in one request is a mistake or an attack, not a transform. */
export const MAX_OPERATIONS = 32;

function fail(message: string): never {
  throw RpcError.invalidArgument(message);
}

/** `zero`, when given, says what 0 means ("or 0 for the encoder's default") and allows it. */
function range(field: string, value: number, min: number, max: number, zero?: string): void {
  if (zero !== undefined && value === 0) return;
  if (!Number.isFinite(value) || value < min || value > max) {
    fail(`${field} must be from ${min} to ${max}${zero ? ` (${zero})` : ""}, got ${value}`);
  }
}

/** Checks one field by its catalogue entry; `path` names it in the message. An optional field left unset is not checked. */
function checkArgument(path: string, argument: Argument, value: unknown): void {
  switch (argument.type) {
    case "integer":
    case "number":
      if (argument.optional && value === undefined) return;
      return range(path, value as number, argument.min, argument.max, argument.zero);
    case "integers":
    case "numbers": {
      const values = value as readonly number[];
      if (values.length > argument.maxCount) fail(`${path} has ${values.length} values; at most ${argument.maxCount} are allowed`);
      values.forEach((item, index) => range(`${path}[${index}]`, item, argument.min, argument.max));
      return;
    }
    case "enum":
      if (typeof value !== "string" || !Object.hasOwn(argument.values, value)) fail(`${path} has an unknown value ${String(value)}`);
      return;
    case "color":
      if (parseColor(value as string) === null) {
        fail(`${path} must be a hex colour such as "#ffffff" or "#00000000", got ${JSON.stringify(value)}`);
      }
      return;
    case "text":
      if (typeof value === "string" && value.length > argument.maxLength) fail(`${path} is ${value.length} characters long; at most ${argument.maxLength}`);
      return;
    case "boolean":
    case "bytes":
      return;
  }
}

/** Checks a message's fields by the catalogue, then the rules that span them. */
function checkMessage(path: string, entry: OperationEntry, message: Readonly<Record<string, unknown>>): void {
  for (const [field, argument] of Object.entries(entry.arguments)) checkArgument(`${path}.${field}`, argument, message[camelCase(field)]);
  const wrong = entry.refine?.(message);
  if (wrong !== undefined) fail(`${path}${wrong}`);
}

function operation(op: Operation__Output, path: string): void {
  const member = op.operation;
  if (member === undefined) return fail(`${path} names no operation: set one of ${Object.keys(operations).join(", ")}`);
  const name = operationNamed(member)!;
  checkMessage(`${path}.${name}`, operations[name], op[member] as unknown as Readonly<Record<string, unknown>>);
}

/**
 * Checks every argument that does not depend on the image, so a bad request
 * fails at once instead of waiting for a worker. Checks that need the image
 * (extract bounds, pixel limits, per-format effort) run in the worker.
 */
export function validateTransformRequest(request: {
  readonly operations: readonly Operation__Output[];
  readonly output: OutputOptions__Output | null;
  readonly input: InputOptions__Output | null;
}): void {
  if (request.operations.length > MAX_OPERATIONS) {
    fail(`operations has ${request.operations.length} steps; at most ${MAX_OPERATIONS} are allowed`);
  }
  request.operations.forEach((op, index) => operation(op, `operations[${index}]`));
  if (request.output) checkMessage("output", outputOptions, request.output as unknown as Readonly<Record<string, unknown>>);
  if (request.input) checkMessage("input", inputOptions, request.input as unknown as Readonly<Record<string, unknown>>);
}

/** What an absent `output` means: keep the input's format with the encoder's defaults. */
export const defaultOutputOptions: OutputOptions__Output = {
  format: "FORMAT_UNSPECIFIED",
  quality: 0,
  lossless: false,
  progressive: false,
  keepMetadata: false,
  delaysMs: [],
  colors: 0,
  minSize: false,
  mixed: false,
  maxBytes: 0,
};

/** What an absent `input` means: the first page, EXIF orientation applied. */
export const defaultInputOptions: InputOptions__Output = { page: 0, disableAutoOrient: false, animated: false };
