export { ConfigError, Environment, parseHostPort, type Env, type HostPort } from "./env.js";
export { createLogger, writeLine, type LogFields, type Logger, type LogLevel } from "./log.js";
export { runService, type Stop } from "./service-process.js";
export {
  defaultsOf,
  defaultText,
  defineVariables,
  type AddressVariable,
  type FlagVariable,
  type IntegerVariable,
  type ListVariable,
  type NameOf,
  type TextVariable,
  type Variable,
  type Variables,
} from "./variables.js";
