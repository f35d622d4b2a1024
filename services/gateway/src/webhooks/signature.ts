import { createHmac } from "node:crypto";

/** A Standard Webhooks secret: `whsec_` and the key's bytes in base64. */
const SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/** The key of a `whsec_` secret, or undefined when it is not one (or too short to be a key: under 16 bytes). */
export function webhookKey(secret: string): Buffer | undefined {
  const encoded = SECRET.exec(secret)?.[1];
  if (encoded === undefined) return undefined;
  const key = Buffer.from(encoded, "base64");
  return key.byteLength >= 16 && key.toString("base64").replace(/=+$/, "") === encoded.replace(/=+$/, "") ? key : undefined;
}

/**
 * The headers of one attempt, as the Standard Webhooks specification says:
 * `webhook-id`, `webhook-timestamp` (seconds since the epoch) and
 * `webhook-signature`, one `v1,<base64 HMAC-SHA256>` of
 * `{id}.{timestamp}.{body}` per key, space-separated, so that a receiver
 * holding any of the keys verifies it while they rotate.
 */
export function webhookHeaders(keys: readonly Buffer[], id: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  const signatures = keys.map((key) => `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`);
  return { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signatures.join(" ") };
}
