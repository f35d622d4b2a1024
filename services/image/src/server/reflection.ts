import { dirname, relative, resolve } from "node:path";

import { loadSync, type PackageDefinition } from "@grpc/proto-loader";
import { ReflectionService } from "@grpc/reflection";
import { imageServiceProtoFile, loaderOptions, protoRoot } from "@pixelrpc/proto";
import { protoPath as healthProtoPath } from "grpc-health-check";
import descriptor from "protobufjs/ext/descriptor/index.js";

import type { Server } from "@grpc/grpc-js";

interface DescriptorMessage {
  name?: string;
  field?: { name?: string; typeName?: string; label?: number; type?: number }[];
  nestedType?: DescriptorMessage[];
  options?: { mapEntry?: boolean };
}

const LABEL_REPEATED = 3;
const TYPE_MESSAGE = 11;

const mapEntryName = (fieldName: string): string => `${fieldName.replace(/(?:^|_)([a-z])/g, (_, letter: string) => letter.toUpperCase())}Entry`;

/**
 * protobufjs names the synthetic message of a `map<K, V> statuses` field
 * "Statuses" where protoc names it "StatusesEntry", and strict reflection
 * clients (grpcurl, buf curl: Go's protobuf runtime) reject the whole file
 * ("incorrect implicit map entry name", fullstorydev/grpcurl#519). Renames
 * them as protoc would; health.proto's List response has such a map.
 */
function renameMapEntries(message: DescriptorMessage): void {
  for (const field of message.field ?? []) {
    if (field.label !== LABEL_REPEATED || field.type !== TYPE_MESSAGE || !field.name) continue;
    const entry = message.nestedType?.find((nested) => nested.options?.mapEntry && nested.name === field.typeName);
    if (entry) {
      entry.name = mapEntryName(field.name);
      field.typeName = entry.name;
    }
  }
  message.nestedType?.forEach(renameMapEntries);
}

/** Rewrites, in place, the descriptors that reflection will serve. */
function withProtocMapEntries(definition: PackageDefinition): PackageDefinition {
  const fixed = new Map<Buffer, Buffer>();
  const fix = (bytes: Buffer): Buffer => {
    let result = fixed.get(bytes);
    if (!result) {
      const file = descriptor.FileDescriptorProto.decode(bytes) as unknown as { messageType?: DescriptorMessage[] };
      file.messageType?.forEach(renameMapEntries);
      result = Buffer.from(descriptor.FileDescriptorProto.encode(file as never).finish());
      fixed.set(bytes, result);
    }
    return result;
  };
  for (const entry of Object.values(definition)) {
    if ("fileDescriptorProtos" in entry && Array.isArray(entry.fileDescriptorProtos)) {
      entry.fileDescriptorProtos = entry.fileDescriptorProtos.map(fix);
    }
  }
  return definition;
}

/**
 * Serves reflection (v1 and v1alpha) for our API and grpc.health.v1, so
 * that grpcurl can list, describe and call both with no .proto at hand.
 */
export function addReflection(server: Server): void {
  // health.proto is loaded by a path relative to its root, as protoc would
  // name it, so the descriptors carry a proper file name.
  const healthRoot = resolve(dirname(healthProtoPath), "..", "..");
  const definition = loadSync([imageServiceProtoFile, relative(healthRoot, healthProtoPath)], {
    ...loaderOptions,
    includeDirs: [protoRoot, healthRoot],
  });
  new ReflectionService(withProtocMapEntries(definition)).addToServer(server);
}
