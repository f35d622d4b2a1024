export { loaderOptions } from "./loader-options.js";
export * from "./generated/index.js";
export type { ProtoGrpcType } from "./generated/image_service.js";
export { imageServiceName, imageServiceProtoFile, loadImageServiceGrpcObject, loadImageServicePackageDefinition, protoRoot } from "./package-definition.js";
export { closestName } from "./closest-name.js";
export {
  camelCase,
  DEFAULT_TEXT_SIZE,
  enumNamed,
  enumNames,
  formatEntry,
  formatNameOf,
  formats,
  inputOptions,
  MAX_DIMENSION,
  MAX_FRAMES,
  MAX_TEXT_CHARACTERS,
  MAX_TEXT_SIZE,
  operationNamed,
  operations,
  outputFormats,
  outputOptions,
  type Argument,
  type FormatEntry,
  type OperationEntry,
  type OutputFormat,
  type OperationName,
} from "./catalogue.js";
export {
  AUTO_FORMAT,
  compactForm,
  CompactFormError,
  compactInput,
  compactOutput,
  describedAs,
  compactParameters,
  DEVICE_PIXEL_RATIO,
  PRESET,
  PRESET_NAME,
  DECIMAL_NUMBER,
  fromCompactForm,
  HEX_COLOR,
  WHOLE_NUMBER,
  type CompactFormat,
  type CompactParameter,
  type CompactQuery,
  type CompactValues,
  type EnumNames,
} from "./compact-form.js";
export {
  CLIENT_KEEPALIVE,
  clientServiceConfig,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_MESSAGE_BYTES,
  FLOW_CONTROL_WINDOW_BYTES,
  MAX_ATTEMPTS_LIMIT,
  MESSAGE_OVERHEAD_BYTES,
  MIN_STREAM_CHUNK_BYTES,
  RETRY_PUSHBACK_METADATA_KEY,
  RETRYABLE_METADATA_KEY,
} from "./wire.js";
export { checkMessage, MAX_MESSAGE_DEPTH, MAX_REPEATED_LENGTH, messageFromJson, MessageShapeError } from "./message-shape.js";
