/**
 * A TCP proxy that delivers every chunk `delayMs` late, in order, in both
 * directions: a network with a round trip of twice `delayMs` between a
 * client and a service on one machine. (Linux's netem would do it in the
 * kernel, but needs a module this machine may not have.)
 */
import { connect, createServer, type Socket } from "node:net";

export interface DelayingProxy {
  readonly port: number;
  close(): Promise<void>;
}

function forward(from: Socket, to: Socket, delayMs: number): void {
  // Chunks keep their order: one never leaves before the one before it.
  let lastDue = 0;
  const later = (send: () => void): void => {
    lastDue = Math.max(Date.now() + delayMs, lastDue);
    setTimeout(send, lastDue - Date.now());
  };
  from.on("data", (chunk) => later(() => to.write(chunk)));
  from.on("end", () => later(() => to.end()));
  from.on("error", () => to.destroy());
  from.on("close", () => later(() => to.destroy()));
}

export function startDelayingProxy(host: string, port: number, delayMs: number): Promise<DelayingProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(port, host);
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    }
    forward(client, upstream, delayMs);
    forward(upstream, client, delayMs);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as { port: number }).port,
        close: () => {
          for (const socket of sockets) socket.destroy();
          return new Promise((closed) => server.close(() => closed()));
        },
      }),
    );
  });
}
