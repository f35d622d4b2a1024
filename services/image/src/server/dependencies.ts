import type { CallContext, RpcEnvironment } from "./calls.js";
import type { SourceLoader } from "./image-source.js";
import type { DrawLimits } from "./draw-limits.js";
import type { OverlayLoader } from "./overlays.js";
import type { Presets } from "./presets.js";
import type { WorkerPool } from "./worker-pool.js";

/** What the ImageService RPCs work with: given by the server, shared by each RPC's handler. */
export interface ImageServiceDependencies extends RpcEnvironment {
  /** Runs the work of Transform, TransformStream and Variants. */
  readonly transforms: WorkerPool;
  /** Runs Info's work, apart from transforms. */
  readonly inspections: WorkerPool;
  readonly maxMessageBytes: number;
  /** Turns a request's source (bytes or URL) into the image bytes. */
  readonly loadSource: SourceLoader;
  /** The per-call limits of composite and text. */
  readonly drawLimits: DrawLimits;
  /** The named transforms requests may start from. */
  readonly presets: Presets;
  /** A call's fetcher of overlay URLs, shared by its steps. */
  readonly overlaysFor: (context: CallContext) => OverlayLoader;
}
