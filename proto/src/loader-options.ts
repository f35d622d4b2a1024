import type { Options } from "@grpc/proto-loader";

/**
 * The one place that decides how protobuf messages look in JavaScript.
 * Runtime loading (`loadImageServiceDefinition`) and type generation
 * (`scripts/generate.ts`) both read this object, so the generated types
 * always describe the objects grpc-js really hands out.
 */
export const loaderOptions = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
} as const satisfies Options;
