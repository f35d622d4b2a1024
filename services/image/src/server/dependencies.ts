import type { RpcEnvironment } from "./calls.js";
import type { SourceLoader } from "./image-source.js";
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
}
