/**
 * HTTP/1.1 spoken byte by byte over a socket: what fetch will not send
 * (absolute-form targets, unnormalised paths, odd methods, a Host of
 * another name, a body that stalls) is how attackers speak.
 */
import { connect } from "node:net";

export interface RawResponse {
  readonly status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Milliseconds from the first byte sent until the server closed the connection. */
  readonly closedAfterMs: number;
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf("\r\n", offset);
    if (lineEnd === -1) break;
    const size = Number.parseInt(body.subarray(offset, lineEnd).toString("latin1"), 16);
    if (!(size > 0)) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function parse(bytes: Buffer, closedAfterMs: number): RawResponse | undefined {
  const headEnd = bytes.indexOf("\r\n\r\n");
  if (headEnd === -1) return undefined;
  const [statusLine, ...lines] = bytes.subarray(0, headEnd).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? "")?.[1] ?? Number.NaN);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  let body = bytes.subarray(headEnd + 4);
  if (headers["transfer-encoding"] === "chunked") body = dechunk(body);
  else if (headers["content-length"] !== undefined) body = body.subarray(0, Number(headers["content-length"]));
  return { status, headers, body, closedAfterMs };
}

export interface RawExchange {
  /** Host and port of the server: "127.0.0.1:8080". */
  readonly address: string;
  /** The request's bytes, sent at once, or in pieces with a pause before each. */
  readonly send: Buffer | string | readonly { readonly afterMs: number; readonly bytes: Buffer | string }[];
  /** Give up (and say so) after this long. Default 15 s. */
  readonly timeoutMs?: number;
}

/**
 * Sends `send` and reads until the server closes the connection (send
 * `Connection: close`). Resolves with the first response, or undefined when
 * the server closed the connection without one.
 */
export function rawExchange({ address, send, timeoutMs = 15_000 }: RawExchange): Promise<RawResponse | undefined> {
  const [host, port] = [address.slice(0, address.lastIndexOf(":")), Number(address.slice(address.lastIndexOf(":") + 1))];
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const received: Buffer[] = [];
    let started = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no end of the exchange within ${timeoutMs} ms; got ${JSON.stringify(Buffer.concat(received).toString("latin1").slice(0, 200))}`));
    }, timeoutMs);
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    // A reset after the answer is still an answer.
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(parse(Buffer.concat(received), performance.now() - started));
    });
    socket.on("connect", () => {
      started = performance.now();
      void (async () => {
        const pieces = typeof send === "string" || Buffer.isBuffer(send) ? [{ afterMs: 0, bytes: send }] : send;
        for (const piece of pieces) {
          if (piece.afterMs > 0) await new Promise((wait) => setTimeout(wait, piece.afterMs));
          if (socket.destroyed) return;
          socket.write(piece.bytes);
        }
      })();
    });
  });
}

/** A request's head: request line, `Host`, `Connection: close`, then `headers`, then the blank line. */
export function head(method: string, target: string, headers: Readonly<Record<string, string | number>> = {}, host = "localhost"): string {
  const lines = [`${method} ${target} HTTP/1.1`, `host: ${host}`, "connection: close", ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join("\r\n")}\r\n\r\n`;
}
