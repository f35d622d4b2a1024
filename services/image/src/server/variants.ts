import { status } from "@grpc/grpc-js";
import type { VariantsRequest__Output, VariantsResponse } from "@pixelrpc/proto";

import type { CallContext, StreamWriter } from "./calls.js";
import type { ImageServiceDependencies } from "./dependencies.js";
import { checkFitsMessage, failed } from "./task-outcome.js";
import { RpcError } from "./rpc-error.js";
import { sharedCopy } from "../contract/task.js";
import { transformSettings, transformTask } from "./transform-task.js";
import { defaultInputOptions } from "./validate.js";

/** More variants than this in one call is a batch job, not a responsive image set. */
export const MAX_VARIANTS = 16;

function checkVariants(request: VariantsRequest__Output): void {
  if (request.variants.length === 0) throw RpcError.invalidArgument("variants is empty: ask for at least one");
  if (request.variants.length > MAX_VARIANTS) {
    throw RpcError.invalidArgument(`variants has ${request.variants.length} entries; at most ${MAX_VARIANTS} are allowed`);
  }
  const names = new Set<string>();
  for (const [index, variant] of request.variants.entries()) {
    if (variant.name === "") throw RpcError.invalidArgument(`variants[${index}].name is empty: every variant needs a name`);
    if (names.has(variant.name)) throw RpcError.invalidArgument(`variants[${index}].name ${JSON.stringify(variant.name)} is used twice`);
    names.add(variant.name);
  }
}

/**
 * Variants: one source, many outputs. The source's header is checked once,
 * on the Info lane (an undecodable source fails the whole call); then every
 * variant runs as its own task across the pool, and each is written the
 * moment it is encoded. A variant that fails is reported, the others go on.
 */
export function variants(dependencies: ImageServiceDependencies) {
  const { transforms, inspections, maxMessageBytes, loadSource, overlaysFor } = dependencies;
  return async (request: VariantsRequest__Output, context: CallContext, write: StreamWriter<VariantsResponse>): Promise<void> => {
    const { signal, deadline } = context;
    checkVariants(request);
    const input = request.input ?? defaultInputOptions;
    // Validate every variant's arguments before any work starts, naming the variant. Their overlay URLs are fetched once for all.
    const loadOverlays = overlaysFor(context);
    const settings = request.variants.map((variant, index) => {
      try {
        return transformSettings({ ...variant, input }, dependencies, loadOverlays);
      } catch (error) {
        if (error instanceof RpcError) throw RpcError.invalidArgument(`variants[${index}].${error.message}`);
        throw error;
      }
    });
    // The probe is the task that first reads the source, so a URL is fetched
    // once it has its place on the Info lane; every variant then reads one
    // copy of the bytes, in shared memory.
    let source!: Uint8Array;
    const share = (image: Uint8Array): Uint8Array => (source = sharedCopy(image));
    const image = loadSource(request, context);
    const probe = await inspections.run(
      { kind: "probe", image: typeof image === "function" ? async () => share(await image()) : share(image), input, deadline },
      signal,
    );
    if (!probe.ok) failed(probe);

    await Promise.all(
      settings.map(async (variantSettings, index) => {
        const { name } = request.variants[index]!;
        const outcome = await transforms.run(transformTask(variantSettings, source, deadline), signal).then(
          (result) => {
            if (!result.ok) return { code: status[result.code], message: result.message };
            try {
              checkFitsMessage(result.image.byteLength, maxMessageBytes);
            } catch (error) {
              return { code: status.RESOURCE_EXHAUSTED, message: (error as RpcError).message };
            }
            return result;
          },
          (error: unknown) => {
            if (error instanceof RpcError) return { code: error.code, message: error.message };
            throw error;
          },
        );
        if (signal.aborted) return;
        await write("ok" in outcome ? { name, image: outcome.image, info: outcome.info } : { name, error: outcome });
      }),
    );
  };
}
