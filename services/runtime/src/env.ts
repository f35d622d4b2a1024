/**
 * Reading a service's configuration from its environment: each variable as
 * its table describes it (variables.ts), and every problem collected so that
 * one start-up error names them all instead of the first.
 */

import { defaultText, type AddressVariable, type IntegerVariable, type NameOf, type Variables } from "./variables.js";

/** The environment a service reads its configuration from: process.env, or a test's own. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Thrown when environment variables hold values the service cannot use; `problems` names each. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";

  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join("; ")}`);
  }
}

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** "host:port", "[v6]:port", "[v6%zone]:port"; port 0 asks for a free one. */
const HOST_PORT = /^(?<host>\[[0-9a-fA-F:.]+(?:%[\w.-]+)?\]|[^\s:[\]]+):(?<port>\d{1,5})$/;

/** `raw` as a host (without brackets) and a port, or undefined when it is not host:port. */
export function parseHostPort(raw: string): HostPort | undefined {
  const match = HOST_PORT.exec(raw);
  const port = Number(match?.groups?.port ?? -1);
  if (!match || port > 65535) return undefined;
  return { host: match.groups!.host!.replace(/^\[(.*)\]$/, "$1"), port };
}

/**
 * A reader of `env` whose variables are those of `table`. A variable that is
 * unset, empty or blank takes its default. Each reader method takes only the
 * names of its kind, returns a usable value even when the variable is wrong,
 * and notes the problem; `done` throws one ConfigError naming them all.
 */
export class Environment<Table extends Variables> {
  readonly #env: Env;
  readonly #table: Table;
  readonly #problems: string[] = [];

  constructor(env: Env, table: Table) {
    this.#env = env;
    this.#table = table;
  }

  /** The variable's text, trimmed, or its default. */
  text(name: keyof Table & string): string {
    return this.#env[name]?.trim() || defaultText(this.#table[name]!);
  }

  /** Whether the variable is set (not blank) in the environment, rather than defaulted. */
  isSet(name: keyof Table & string): boolean {
    return Boolean(this.#env[name]?.trim());
  }

  /** A whole number within the variable's range, in plain decimal digits. */
  integer(name: NameOf<Table, "integer">): number {
    const { min, max } = this.#table[name] as IntegerVariable;
    const raw = this.text(name);
    const value = Number(raw);
    if (/^\d+$/.test(raw) && Number.isSafeInteger(value) && value >= min && value <= max) return value;
    this.problem(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    return min;
  }

  /** 1, true, 0 or false. */
  flag(name: NameOf<Table, "flag">): boolean {
    const raw = this.text(name);
    if (raw === "1" || raw === "true") return true;
    if (raw !== "0" && raw !== "false") this.problem(`${name} must be 1, true, 0 or false, got ${JSON.stringify(raw)}`);
    return false;
  }

  /** A comma-separated list, its entries trimmed, empty ones dropped. */
  list(name: NameOf<Table, "list">): string[] {
    return this.text(name)
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "");
  }

  /** host:port; an optional address left empty is undefined: off. */
  address(name: NameOf<Table, "address">): HostPort | undefined {
    const { form, optional } = this.#table[name] as AddressVariable;
    const raw = this.text(name);
    if (optional && raw === "") return undefined;
    const parsed = parseHostPort(raw);
    if (!parsed) this.problem(`${name} must be ${form}, got ${JSON.stringify(raw)}`);
    return parsed;
  }

  /** Notes a problem that a reader method cannot see: one variable against another, say. */
  problem(text: string): void {
    this.#problems.push(text);
  }

  /** `config`, or one ConfigError naming every problem noted. */
  done<Config>(config: Config): Config {
    if (this.#problems.length > 0) throw new ConfigError(this.#problems);
    return config;
  }
}
