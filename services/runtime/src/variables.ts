/**
 * The description of a service's environment variables: for each, what it
 * holds, its default and what it means. The service's configuration reads
 * through it (env.ts) and the configuration reference is generated from it
 * (reference.ts), so a range or a default is written once.
 */

interface Described {
  /** What the variable does, in Markdown: the reference's "meaning" column. */
  readonly meaning: string;
  /** The default as the reference shows it, where the value depends on the machine or on another variable. */
  readonly shownDefault?: string;
}

/** A whole number from `min` to `max`, in plain decimal digits. */
export interface IntegerVariable extends Described {
  readonly kind: "integer";
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** Bytes are shown with their KiB/MiB/GiB as well. */
  readonly unit?: "bytes" | "milliseconds" | "seconds";
}

/** 1, true, 0 or false. */
export interface FlagVariable extends Described {
  readonly kind: "flag";
  readonly default: boolean;
}

/** Free text: a path, a URL, a target; `form` says which, for the reference. */
export interface TextVariable extends Described {
  readonly kind: "text";
  readonly default: string;
  readonly form: string;
}

/** A comma-separated list of `form`; empty by default. */
export interface ListVariable extends Described {
  readonly kind: "list";
  readonly form: string;
}

/** host:port; with `optional`, empty is allowed and means off. `form` is what a bad value is told it must be. */
export interface AddressVariable extends Described {
  readonly kind: "address";
  readonly default: string;
  readonly form: string;
  readonly optional?: boolean;
}

export type Variable = IntegerVariable | FlagVariable | TextVariable | ListVariable | AddressVariable;

/** A service's variables by name. */
export type Variables = Readonly<Record<string, Variable>>;

/** The names in `table` of variables of the given kind. */
export type NameOf<Table extends Variables, Kind extends Variable["kind"] = Variable["kind"]> = {
  [Name in keyof Table]: Table[Name]["kind"] extends Kind ? Name : never;
}[keyof Table] &
  string;

/** Keeps a table's literal kinds, so that each reader method takes only the names of its kind. */
export function defineVariables<const Table extends Variables>(table: Table): Table {
  return table;
}

/** A variable's default as the environment would spell it. */
export function defaultText(variable: Variable): string {
  switch (variable.kind) {
    case "integer":
      return String(variable.default);
    case "flag":
      return variable.default ? "1" : "0";
    case "list":
      return "";
    default:
      return variable.default;
  }
}

/** Every variable's default as the environment would spell it. */
export function defaultsOf<Table extends Variables>(table: Table): { readonly [Name in keyof Table]: string } {
  return Object.fromEntries(Object.entries(table).map(([name, variable]) => [name, defaultText(variable)])) as { [Name in keyof Table]: string };
}
