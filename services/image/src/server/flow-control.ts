import type { Http2Session } from "node:http2";

import type { Server } from "@grpc/grpc-js";

import { internalsOf } from "./grpc-internals.js";

/**
 * grpc-js's name for the window option. Its client honours it; its server
 * does not yet (grpc/grpc-node#3058), which is why this module exists. The
 * server is given the option too, so that a grpc-js that learns it applies
 * the same window by itself.
 */
export const FLOW_CONTROL_WINDOW_OPTION = "grpc-node.flow_control_window";

/** HTTP/2's initial window, which Node keeps unless told otherwise. */
const PROTOCOL_DEFAULT_WINDOW = 65_535;

/**
 * Raises the server's HTTP/2 receive windows, per stream and per connection,
 * to `windowBytes`.
 *
 * With HTTP/2's 64 KiB windows a client sends 64 KiB of an image, then waits
 * for the server's WINDOW_UPDATE before it sends more: a photo of 800 KB
 * takes thirteen round trips to arrive, each one a wake-up of both event
 * loops, and over a network with 1 ms of latency 64 KiB per millisecond is
 * all the bandwidth a call gets. (The benchmark's findings measure it.)
 *
 * grpc-js offers no option for this on the server, so the two settings go
 * where grpc-js keeps them: the options it creates its HTTP/2 servers with
 * (call before binding) and each session (`afterBind`, once listening: it
 * also widens the sessions a first address accepted while grpc-js was still
 * binding another). Both are private to grpc-js: when a grpc-js release
 * moves them, this says "unsupported" instead of failing, and the
 * end-to-end test test/flow-control.test.ts (at the repository's root),
 * which reads the windows a real client is offered, fails.
 */
export function widenReceiveWindows(server: Server, windowBytes: number): { readonly state: "widened" | "default" | "unsupported"; afterBind(): void } {
  const internals = internalsOf(server);
  const options = internals.commonServerOptions;
  if (windowBytes <= PROTOCOL_DEFAULT_WINDOW) return { state: "default", afterBind: () => undefined };
  if (!options || !(internals.http2Servers instanceof Map) || !(internals.sessions instanceof Map)) return { state: "unsupported", afterBind: () => undefined };
  options.settings = { ...options.settings, initialWindowSize: windowBytes };
  const widen = (session: Http2Session): void => {
    if (!session.destroyed) session.setLocalWindowSize(windowBytes);
  };
  return {
    state: "widened",
    afterBind() {
      for (const http2Server of internals.http2Servers!.keys()) http2Server.on("session", widen);
      for (const session of internals.sessions!.keys()) widen(session);
    },
  };
}
