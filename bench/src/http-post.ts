/** One POST of a body over node:http, as the HTTP load drivers send them: keep-alive, the whole response read. */
import { request, type Agent, type IncomingHttpHeaders } from "node:http";

export interface Posted {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Bytes of the body received. */
  readonly bytes: number;
}

export function post(agent: Agent, url: URL, body: Buffer, contentType: string): Promise<Posted> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: "POST", agent, headers: { "content-type": contentType, "content-length": body.byteLength } }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.byteLength));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes }));
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
