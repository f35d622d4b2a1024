/** One request over node:http, as the HTTP load drivers send them: keep-alive, the whole response read. */
import { request, type Agent, type IncomingHttpHeaders } from "node:http";

export interface Answered {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Bytes of the body received. */
  readonly bytes: number;
}

function send(agent: Agent, url: URL, method: string, body?: { readonly bytes: Buffer; readonly contentType: string }): Promise<Answered> {
  return new Promise((resolve, reject) => {
    const headers = body ? { "content-type": body.contentType, "content-length": body.bytes.byteLength } : {};
    const outgoing = request(url, { method, agent, headers }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.byteLength));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes }));
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(body?.bytes);
  });
}

export const post = (agent: Agent, url: URL, body: Buffer, contentType: string): Promise<Answered> => send(agent, url, "POST", { bytes: body, contentType });

export const get = (agent: Agent, url: URL): Promise<Answered> => send(agent, url, "GET");
