import { accessSync, constants } from "node:fs";
import { isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";

import { loadPackageDefinition, type GrpcObject } from "@grpc/grpc-js";
import { loadSync, type PackageDefinition } from "@grpc/proto-loader";
import protobuf from "protobufjs";

import { loaderOptions } from "./loader-options.js";
import type { ProtoGrpcType } from "./generated/image_service.js";

/** The module root that holds `pixelrpc/image/v1/*.proto`. */
export const protoRoot = fileURLToPath(new URL("..", import.meta.url));

/** The file that declares `pixelrpc.image.v1.ImageService`, relative to `protoRoot`. */
export const imageServiceProtoFile = "pixelrpc/image/v1/image_service.proto";

/** The fully qualified name of the image service, as health checks and reflection name it. */
export const imageServiceName = "pixelrpc.image.v1.ImageService";

/** Where the image service's imports are looked up, by the loader and the message-shape checker alike. */
const includeDirs = [protoRoot];

let packageDefinition: PackageDefinition | undefined;
let root: protobuf.Root | undefined;

/**
 * The image service's package definition, loaded with the shared loader
 * options. Parsed once per process: every client and server shares it.
 */
export function loadImageServicePackageDefinition(): PackageDefinition {
  packageDefinition ??= loadSync(imageServiceProtoFile, { ...loaderOptions, includeDirs });
  return packageDefinition;
}

/** The typed grpc-js object tree of the image service: constructors and service definitions. */
export function loadImageServiceGrpcObject(): ProtoGrpcType {
  return loadPackageDefinition(loadImageServicePackageDefinition()) as GrpcObject as unknown as ProtoGrpcType;
}

/**
 * `file` parsed as proto-loader parses it (same protobufjs, same include-path
 * lookup, the shared loader options) but with `keepCase: true`, so the
 * reflection carries the proto's own names. Resolved.
 */
export function loadProtoRoot(file: string, importDirs: readonly string[]): protobuf.Root {
  const loaded = new protobuf.Root();
  const fallback = loaded.resolvePath.bind(loaded);
  // proto-loader's include-path resolver (google/protobuf/* imports never get here: protobufjs bundles them).
  loaded.resolvePath = (origin, target) => {
    if (isAbsolute(target)) return target;
    for (const directory of importDirs) {
      const candidate = join(directory, target);
      try {
        accessSync(candidate, constants.R_OK);
        return candidate;
      } catch {
        continue;
      }
    }
    return fallback(origin, target);
  };
  loaded.loadSync(file, { ...loaderOptions, keepCase: true });
  loaded.resolveAll();
  return loaded;
}

/** The image service's proto as protobufjs reflection, with the proto's own names: what the message-shape checker reads. Parsed once. */
export function loadImageServiceRoot(): protobuf.Root {
  root ??= loadProtoRoot(imageServiceProtoFile, includeDirs);
  return root;
}
