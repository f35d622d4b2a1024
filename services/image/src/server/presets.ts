import {
  imageServiceName,
  loadImageServicePackageDefinition,
  messageFromJson,
  MessageShapeError,
  PRESET_NAME,
  type Operation__Output,
  type OutputOptions__Output,
  type TransformRequest__Output,
} from "@pixelrpc/proto";
import type { MethodDefinition } from "@grpc/proto-loader";

import { RpcError } from "./rpc-error.js";

/** A named transform: operations that run first, output options a request may override. */
export interface Preset {
  readonly operations: readonly Operation__Output[];
  readonly output: OutputOptions__Output | null;
}

/** The fields of a request that a preset takes part in. */
export type PresetRequest = Pick<TransformRequest__Output, "preset" | "operations" | "output">;

/** A preset's keys in IMAGE_PRESETS_FILE: a preset names no source, no input options and no other preset. */
const presetKeys = ["operations", "output"];

/**
 * Whether `message` sets `field`: an optional field by its oneof marker (its 0 is a value), any
 * other unless it holds its zero value, which proto3 cannot tell from "not set".
 */
function sets(message: Readonly<Record<string, unknown>>, field: string): boolean {
  if (`_${field}` in message) return message[`_${field}`] === field;
  const value = message[field];
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== 0 && value !== false && value !== "" && value !== "FORMAT_UNSPECIFIED";
}

/**
 * The output options of `preset` with every field `own` sets put over them.
 * An optional field travels with its oneof marker (`_effort`), so that the
 * result reads as if it had come off the wire.
 */
function overridden(preset: OutputOptions__Output | null, own: OutputOptions__Output | null): OutputOptions__Output | null {
  if (!preset || !own) return own ?? preset;
  const fields = own as unknown as Readonly<Record<string, unknown>>;
  const merged: Record<string, unknown> = { ...preset };
  for (const field of Object.keys(fields)) {
    if (field.startsWith("_") || !sets(fields, field)) continue;
    merged[field] = fields[field];
    if (`_${field}` in fields) merged[`_${field}`] = field;
  }
  return merged as unknown as OutputOptions__Output;
}

/**
 * The service's presets (IMAGE_PRESETS_FILE), read and checked once at
 * start. Each is kept in the form a request arrives in off the wire, so that
 * what a preset does is exactly what the same fields sent in a call do.
 */
export class Presets {
  static readonly none = new Presets(new Map());

  private constructor(private readonly byName: ReadonlyMap<string, Preset>) {}

  /**
   * Presets from the JSON of IMAGE_PRESETS_FILE: an object of names to
   * `{"operations": [...], "output": {...}}` in the proto's JSON form.
   * `check` applies the service's own request checks to each; every problem
   * is returned, each naming its preset.
   */
  static parse(json: unknown, check: (preset: Preset) => void): Presets | { readonly problems: readonly string[] } {
    if (typeof json !== "object" || json === null || Array.isArray(json)) return { problems: ["the file must hold a JSON object of preset names to presets"] };
    const problems: string[] = [];
    const byName = new Map<string, Preset>();
    for (const [name, definition] of Object.entries(json)) {
      const problem = (text: string): void => void problems.push(`preset ${JSON.stringify(name)}: ${text}`);
      if (!PRESET_NAME.test(name)) {
        problem(`a name must be 1 to 64 letters, digits, "_", "." or "-", starting with a letter or digit`);
        continue;
      }
      if (typeof definition !== "object" || definition === null || Array.isArray(definition)) {
        problem('must be an object with "operations" and/or "output"');
        continue;
      }
      const unknown = Object.keys(definition).filter((key) => !presetKeys.includes(key));
      if (unknown.length > 0) {
        problem(
          `unknown field${unknown.length === 1 ? "" : "s"} ${unknown.map((key) => JSON.stringify(key)).join(", ")}; a preset has ${presetKeys.join(" and ")}`,
        );
        continue;
      }
      try {
        const preset = fromWire(definition);
        check(preset);
        byName.set(name, preset);
      } catch (error) {
        if (error instanceof MessageShapeError || error instanceof RpcError) problem(error.message);
        else throw error;
      }
    }
    return problems.length > 0 ? { problems } : new Presets(byName);
  }

  get names(): readonly string[] {
    return [...this.byName.keys()];
  }

  /**
   * The request with its preset applied: the preset's operations, then its
   * own; the preset's output with the request's set fields over it. A
   * request without a preset comes back as it is. Throws INVALID_ARGUMENT
   * for a name this service does not know, listing the ones it does.
   */
  apply<Request extends PresetRequest>(request: Request): Request {
    if (request.preset === "") return request;
    const preset = this.byName.get(request.preset);
    if (!preset) {
      const known = this.names.length === 0 ? "this service has no presets (IMAGE_PRESETS_FILE)" : `known: ${this.names.join(", ")}`;
      throw RpcError.invalidArgument(`preset ${JSON.stringify(request.preset.slice(0, 64))} is unknown; ${known}`);
    }
    return { ...request, operations: [...preset.operations, ...request.operations], output: overridden(preset.output, request.output) };
  }
}

let transformMethod: MethodDefinition<unknown, unknown> | undefined;

/** A preset's JSON as a call would deliver it: checked by the proto's shape, serialised and read back as grpc-js reads a request. */
function fromWire(definition: object): Preset {
  transformMethod ??= (loadImageServicePackageDefinition()[imageServiceName] as Record<string, MethodDefinition<unknown, unknown>>).Transform!;
  const request = messageFromJson("pixelrpc.image.v1.TransformRequest", definition);
  const decoded = transformMethod.requestDeserialize(transformMethod.requestSerialize(request)) as TransformRequest__Output;
  return { operations: decoded.operations, output: decoded.output };
}
