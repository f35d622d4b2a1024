import { fileURLToPath } from "node:url";

import { loadPackageDefinition, type GrpcObject } from "@grpc/grpc-js";
import { loadSync, type PackageDefinition } from "@grpc/proto-loader";

import { loaderOptions } from "./loader-options.js";
import type { ProtoGrpcType } from "./generated/image_service.js";

export { loaderOptions } from "./loader-options.js";
export * from "./generated/index.js";
export type { ProtoGrpcType } from "./generated/image_service.js";

/** The module root that holds `pixelrpc/image/v1/*.proto`. */
export const protoRoot = fileURLToPath(new URL("..", import.meta.url));

/** The file that declares `pixelrpc.image.v1.ImageService`, relative to `protoRoot`. */
export const imageServiceProtoFile = "pixelrpc/image/v1/image_service.proto";

/** The fully qualified name of the image service, as health checks and reflection name it. */
export const imageServiceName = "pixelrpc.image.v1.ImageService";

let packageDefinition: PackageDefinition | undefined;

/**
 * The image service's package definition, loaded with the shared loader
 * options. Parsed once per process: every client and server shares it.
 */
export function loadImageServicePackageDefinition(): PackageDefinition {
  packageDefinition ??= loadSync(imageServiceProtoFile, { ...loaderOptions, includeDirs: [protoRoot] });
  return packageDefinition;
}

/** The typed grpc-js object tree of the image service: constructors and service definitions. */
export function loadImageServiceGrpcObject(): ProtoGrpcType {
  return loadPackageDefinition(loadImageServicePackageDefinition()) as GrpcObject as unknown as ProtoGrpcType;
}
