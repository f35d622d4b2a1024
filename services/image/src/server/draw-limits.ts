/**
 * The steps that draw onto an image (composite, text) carry more than
 * numbers: overlay bytes or URLs, and text. Their per-call limits are
 * checked here, before anything queues, and for presets at start.
 */
import { DEFAULT_TEXT_SIZE, type Operation__Output } from "@pixelrpc/proto";

import { checkMarkup, MarkupError } from "../contract/markup.js";
import { RpcError } from "./rpc-error.js";

/** The overlay bytes a transform's steps carry, all together: held, like its image, while it is admitted. */
export const overlayBytes = (operations: readonly Operation__Output[]): number =>
  operations.reduce((sum, operation) => sum + (operation.composite?.image?.byteLength ?? 0), 0);

export interface DrawLimits {
  readonly maxOverlays: number;
  readonly maxOverlayBytes: number;
  readonly maxTextCharacters: number;
}

const drawing = (operation: Operation__Output): boolean => operation.operation === "composite" || operation.operation === "text";

export function bytesProblem(bytes: number, maxOverlayBytes: number): RpcError {
  return RpcError.invalidArgument(`the overlays are ${bytes} bytes together, over this service's limit of ${maxOverlayBytes} bytes a call`);
}

/** Checks the drawing steps of a validated transform against `limits`: how many, their bytes, their texts. */
export function checkDrawing(operations: readonly Operation__Output[], limits: DrawLimits): void {
  const count = operations.filter(drawing).length;
  if (count > limits.maxOverlays) {
    throw RpcError.invalidArgument(
      limits.maxOverlays === 0
        ? "composite and text are turned off on this service (IMAGE_MAX_OVERLAYS=0)"
        : `operations draw ${count} overlays and texts; this service allows at most ${limits.maxOverlays} a call`,
    );
  }
  const bytes = overlayBytes(operations);
  if (bytes > limits.maxOverlayBytes) throw bytesProblem(bytes, limits.maxOverlayBytes);
  for (const [index, { text }] of operations.entries()) {
    if (!text) continue;
    const path = `operations[${index}].text.text`;
    const characters = [...text.text].length;
    if (characters > limits.maxTextCharacters) {
      throw RpcError.invalidArgument(`${path} has ${characters} characters; this service allows at most ${limits.maxTextCharacters}`);
    }
    if (!text.markup) continue;
    try {
      checkMarkup(text.text, text.size || DEFAULT_TEXT_SIZE);
    } catch (error) {
      if (error instanceof MarkupError) throw RpcError.invalidArgument(`${path} is markup that ${error.message}`);
      throw error;
    }
  }
}
