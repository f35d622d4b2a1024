export { Metadata, status as Status } from "@grpc/grpc-js";
/**
 * The contract's messages and enums as this client sends and receives them
 * (`Foo` to send, `Foo__Output` as received), the message limit the
 * service has by default, and the error a malformed request's
 * ImageServiceError carries as its cause. The catalogue, the loader and the
 * message checker stay in @pixelrpc/proto.
 */
export {
  ExtendWith,
  Fit,
  Format,
  Position,
  Stage,
  DEFAULT_MAX_MESSAGE_BYTES,
  MessageShapeError,
  type Blur,
  type Blur__Output,
  type Extend,
  type Extend__Output,
  type Extract,
  type Extract__Output,
  type Flatten,
  type Flatten__Output,
  type Flip,
  type Flip__Output,
  type Flop,
  type Flop__Output,
  type Grayscale,
  type Grayscale__Output,
  type ImageInfo,
  type ImageInfo__Output,
  type InfoRequest,
  type InfoRequest__Output,
  type InfoResponse,
  type InfoResponse__Output,
  type InputOptions,
  type InputOptions__Output,
  type Operation,
  type Operation__Output,
  type OutputOptions,
  type OutputOptions__Output,
  type Progress,
  type Progress__Output,
  type Resize,
  type Resize__Output,
  type Rotate,
  type Rotate__Output,
  type Sharpen,
  type Sharpen__Output,
  type TransformRequest,
  type TransformRequest__Output,
  type TransformResponse,
  type TransformResponse__Output,
  type TransformStreamRequest,
  type TransformStreamRequest__Output,
  type TransformStreamResponse,
  type TransformStreamResponse__Output,
  type Trim,
  type Trim__Output,
  type VariantError,
  type VariantError__Output,
  type VariantSpec,
  type VariantSpec__Output,
  type VariantsRequest,
  type VariantsRequest__Output,
  type VariantsResponse,
  type VariantsResponse__Output,
} from "@pixelrpc/proto";
export {
  collectImage,
  createImageClient,
  type CallOptions,
  type ImageClient,
  type ImageClientOptions,
  type InfoResult,
  type TransformProgress,
  type TransformResult,
} from "./client.js";
export { ImageServiceError } from "./errors.js";
export type { ServingStatus } from "./health.js";
export { canonicalImageRequest, imageRequestSignature, signImageUrl, SIGNED_IMAGE_PATH, type ImageUrlOptions, type SignImageUrlOptions } from "./signing.js";
export { readTlsFiles, type TlsFiles, type TlsOptions } from "./tls.js";
