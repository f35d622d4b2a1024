export { Metadata, status as Status } from "@grpc/grpc-js";
export * from "@pixelrpc/proto";
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
