import { closestName, DECIMAL_NUMBER, WHOLE_NUMBER } from "@pixelrpc/proto";

import { HttpProblem } from "./problems.js";

/**
 * One query parameter: its type, its bounds and its help text. A route's
 * parameters are a QuerySpec; `parseQuery` reads a query string strictly by
 * it, and `querySchema` describes it to OpenAPI. Nothing else reads queries.
 */
export type QueryParameter = { readonly description?: string; readonly suggestFor?: readonly string[] } & (
  | { readonly type: "integer" | "number"; readonly min: number; readonly max: number }
  | { readonly type: "integers"; readonly min: number; readonly max: number; readonly count: number; readonly names: string }
  | { readonly type: "boolean" }
  | { readonly type: "enum"; readonly values: readonly string[] }
  | { readonly type: "string"; readonly pattern?: RegExp; readonly expected: string; readonly maxLength: number }
);

export type QuerySpec = Readonly<Record<string, QueryParameter>>;

export type QueryValue = number | number[] | boolean | string;

const bad = (detail: string): HttpProblem => new HttpProblem(400, "Bad query", detail);

/** A name or value as it may be quoted back: JSON-escaped, and short. */
const quoted = (text: string): string => JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);

/** The parameter a mistyped or foreign name most likely meant: a name other services use for it, or one a typo or two away. */
const suggestion = (name: string, spec: QuerySpec): string | undefined =>
  closestName(
    name,
    Object.entries(spec).map(([known, parameter]): [string, ...string[]] => [known, ...(parameter.suggestFor ?? [])]),
  );

/** A number in `grammar` (the compact form's plain decimals) within range, and with no sign where a value cannot be negative. */
function range(name: string, raw: string, parameter: { min: number; max: number }, grammar: RegExp, kind: string): number {
  const value = Number(raw);
  const signed = raw.startsWith("-") && parameter.min >= 0;
  if (!grammar.test(raw) || signed || value < parameter.min || value > parameter.max) {
    throw bad(`${name} must be ${kind} from ${parameter.min} to ${parameter.max}, got ${quoted(raw)}`);
  }
  return value;
}

function value(name: string, raw: string, parameter: QueryParameter): QueryValue {
  switch (parameter.type) {
    case "integer":
      return range(name, raw, parameter, WHOLE_NUMBER, "a whole number");
    case "number":
      return range(name, raw, parameter, DECIMAL_NUMBER, "a decimal number");
    case "integers": {
      const parts = raw.split(",");
      if (parts.length !== parameter.count)
        throw bad(`${name} must be ${parameter.names}: ${parameter.count} whole numbers separated by commas, got ${quoted(raw)}`);
      return parts.map((part) => range(name, part, parameter, WHOLE_NUMBER, `${parameter.names}, each a whole number`));
    }
    case "boolean":
      if (raw === "true" || raw === "1") return true;
      if (raw === "false" || raw === "0") return false;
      throw bad(`${name} must be true or false (or 1 or 0), got ${quoted(raw)}`);
    case "enum":
      if (parameter.values.includes(raw)) return raw;
      throw bad(`${name} has an unknown value ${quoted(raw)}; expected one of ${parameter.values.join(", ")}`);
    case "string":
      if (raw.length <= parameter.maxLength && (parameter.pattern?.test(raw) ?? raw !== "")) return raw;
      throw bad(`${name} must be ${parameter.expected}, got ${quoted(raw)}`);
  }
}

/**
 * Reads `parameters` by `spec`: every name must be known and given once,
 * every value must be of its type and within its range, and `required`
 * names must be there. Throws a 400 problem naming the first mistake; an
 * unknown name's says `note` too, when given.
 */
export function parseQuery(parameters: URLSearchParams, spec: QuerySpec, required: readonly string[] = [], note?: string): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = Object.create(null) as Record<string, QueryValue>;
  for (const [name, raw] of parameters) {
    const parameter = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!parameter) {
      const known = Object.keys(spec);
      const meant = suggestion(name, spec);
      if (known.length === 0) throw bad(`unknown parameter ${quoted(name)}: this route takes no query parameters`);
      throw bad(`unknown parameter ${quoted(name)}${meant ? `; did you mean "${meant}"?` : ""} (known: ${known.join(", ")})${note ? `: ${note}` : ""}`);
    }
    if (name in query) throw bad(`${name} is given more than once`);
    query[name] = value(name, raw, parameter);
  }
  const missing = required.filter((name) => !(name in query));
  if (missing.length > 0) throw bad(`missing ${missing.join(", ")}`);
  return query;
}

/** The JSON schema of a spec, for OpenAPI (and Fastify's check of what parseQuery produced). */
export function querySchema(spec: QuerySpec, required: readonly string[] = []) {
  const properties = Object.fromEntries(
    Object.entries(spec).map(([name, parameter]) => {
      const description = parameter.description === undefined ? {} : { description: parameter.description };
      switch (parameter.type) {
        case "integer":
        case "number":
          return [name, { type: parameter.type, minimum: parameter.min, maximum: parameter.max, ...description }];
        case "integers": {
          const items = { type: "integer", minimum: parameter.min, maximum: parameter.max };
          return [name, { type: "array", items, minItems: parameter.count, maxItems: parameter.count, description: `${parameter.names}, separated by commas` }];
        }
        case "boolean":
          return [name, { type: "boolean", ...description }];
        case "enum":
          return [name, { enum: parameter.values, ...description }];
        case "string":
          return [
            name,
            { type: "string", maxLength: parameter.maxLength, ...(parameter.pattern ? { pattern: parameter.pattern.source } : {}), ...description },
          ];
      }
    }),
  );
  return { type: "object", additionalProperties: false, properties, ...(required.length > 0 ? { required } : {}) };
}

/** A request's query parameters, parsed from its URL exactly as they came (the same bytes a signature covers). */
export function searchParameters(url: string): URLSearchParams {
  const start = url.indexOf("?");
  return new URLSearchParams(start === -1 ? "" : url.slice(start + 1));
}
