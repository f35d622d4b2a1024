import type { EventEmitter } from "node:events";
import type { Http2Session, ServerOptions } from "node:http2";

import type { Server } from "@grpc/grpc-js";

/**
 * The grpc-js Server internals this service reaches into, as of grpc-js
 * 1.14, for what grpc-js has no option or hook for: the HTTP/2 settings it
 * creates its servers with, those servers, and their sessions
 * (flow-control.ts, receive-guard.ts). Private to grpc-js: each user checks
 * that what it needs is there, and says "unsupported" when a release moves it.
 */
export interface ServerInternals {
  readonly commonServerOptions?: ServerOptions;
  readonly http2Servers?: Map<EventEmitter, unknown>;
  readonly sessions?: Map<Http2Session, unknown>;
}

export const internalsOf = (server: Server): ServerInternals => server as unknown as ServerInternals;
