import { createHmac, randomBytes } from "node:crypto";

import { signedWithAny } from "./key-match.js";
import { HttpProblem } from "./problems.js";

export const jobLinkQuerySpec = {
  exp: { type: "integer", min: 0, max: 99_999_999_999, description: "a signed job link's expiry, seconds since the epoch" },
  sig: {
    type: "string",
    pattern: /^[\w-]{43}$/,
    expected: "a job link's signature (43 base64url characters)",
    maxLength: 43,
    description: "a signed job link's signature",
  },
} as const;

const forbidden = (detail: string): HttpProblem => new HttpProblem(403, "Forbidden", detail);

/**
 * Capability links to one job: its status, its events and its results,
 * readable without the API key until the link expires. A browser's
 * EventSource and `<img src>` cannot send an Authorization header; the page
 * gets these links in the job's response (from its own backend, which holds
 * the key) and follows them. The signature covers the job's id and the
 * expiry, so a link opens one job only, and only for as long as the job can
 * exist (its timeout plus its time-to-live).
 */
export class JobLinks {
  readonly #keys: readonly Buffer[];

  /** `keys`: the first signs, any verifies (rotation); none: a random key of this process's own. */
  constructor(
    keys: readonly string[],
    private readonly lifetimeMs: number,
  ) {
    this.#keys = keys.length > 0 ? keys.map((key) => Buffer.from(key)) : [randomBytes(32)];
  }

  #signature(key: Buffer, id: string, exp: number): string {
    return createHmac("sha256", key).update(`pixelrpc-job\n${id}\n${exp}`).digest("base64url");
  }

  /** The query that opens job `id` (created at `createdAt`): the same for every gateway that shares the keys. */
  query(id: string, createdAt: number): string {
    const exp = Math.ceil((createdAt + this.lifetimeMs) / 1000);
    return `exp=${exp}&sig=${this.#signature(this.#keys[0]!, id, exp)}`;
  }

  /**
   * Throws a 403 problem unless `parameters` (the request's query, as it
   * came) open job `id` now. Every key is compared, in constant time; the
   * expiry is read only once the signature holds.
   */
  verify(id: string, parameters: URLSearchParams, now = Date.now()): void {
    const [exp, sig] = [parameters.getAll("exp"), parameters.getAll("sig")];
    if (exp.length !== 1 || sig.length !== 1) throw forbidden("a job link carries exp and sig once each");
    if (!/^\d{1,11}$/.test(exp[0]!)) throw forbidden("exp must be a time in whole seconds since the epoch");
    if (!signedWithAny(sig[0]!, this.#keys, (key) => this.#signature(key, id, Number(exp[0])))) throw forbidden("the signature does not match this job link");
    if (Number(exp[0]) * 1000 <= now) throw forbidden(`this job link expired at ${new Date(Number(exp[0]) * 1000).toISOString()}`);
  }
}
