import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";

import { readTlsFiles, type TlsOptions } from "@pixelrpc/client";

import { defineVariables, type Environment, type NameOf } from "@pixelrpc/service-runtime";

/** The variables that say how the gateway reaches the image service over TLS. */
export const imageServiceTlsVariables = defineVariables({
  IMAGE_SERVICE_TLS: {
    kind: "flag",
    default: false,
    meaning: "`1`: TLS to the image service verified against Node's root CAs only; `0` while another `IMAGE_SERVICE_TLS_*` is set is a configuration error",
  },
  IMAGE_SERVICE_TLS_CA: {
    kind: "text",
    default: "",
    form: "path of a PEM file",
    shownDefault: "empty: Node's root CAs",
    meaning:
      "the CAs that sign the image service's certificate; setting any `IMAGE_SERVICE_TLS_*` turns TLS on. Every file is read and checked at start-up: each must parse, and the key must be the certificate's",
  },
  IMAGE_SERVICE_TLS_CERT: {
    kind: "text",
    default: "",
    form: "path of a PEM file",
    meaning: "the gateway's client certificate (chain), for an image service that requires mutual TLS; with `IMAGE_SERVICE_TLS_KEY`, both or neither",
  },
  IMAGE_SERVICE_TLS_KEY: { kind: "text", default: "", form: "path of a PEM file", meaning: "the unencrypted private key of `IMAGE_SERVICE_TLS_CERT`" },
  IMAGE_SERVICE_TLS_SERVER_NAME: {
    kind: "text",
    default: "",
    form: "a DNS name",
    meaning: "the name the image service's certificate carries, when the target's host is not it",
  },
});

type TlsVariable = NameOf<typeof imageServiceTlsVariables>;

/** What of the gateway's environment reader this part reads with: any reader of a table that includes these variables. */
type TlsReader = Pick<Environment<typeof imageServiceTlsVariables>, "text" | "isSet" | "flag" | "problem">;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/** Every certificate of a PEM file, parsed; throws when it holds none or one does not parse. */
function certificates(pem: Uint8Array | string): X509Certificate[] {
  const blocks = Buffer.from(pem).toString("latin1").match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) throw new Error("it holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
  return blocks.map((block) => new X509Certificate(block));
}

/**
 * Checks the PEM material at start-up, naming the variable at fault: grpc-js
 * takes an unparsable CA file without a word (and every handshake fails
 * later), and refuses a bad key or a key of another certificate in
 * OpenSSL's words, which name neither variable.
 */
function checkMaterial(tls: TlsOptions, problem: (text: string) => void): void {
  const check = <T>(name: string, read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      problem(`${name} cannot be used: ${(error as Error).message}`);
      return undefined;
    }
  };
  if (tls.ca !== undefined) check("IMAGE_SERVICE_TLS_CA", () => certificates(tls.ca!));
  if (tls.cert === undefined || tls.key === undefined) return;
  const certificate = check("IMAGE_SERVICE_TLS_CERT", () => certificates(tls.cert!)[0]!);
  const key: KeyObject | undefined = check("IMAGE_SERVICE_TLS_KEY", () => createPrivateKey(Buffer.from(tls.key!)));
  if (certificate && key && !certificate.checkPrivateKey(key)) {
    problem("IMAGE_SERVICE_TLS_KEY is not the private key of the certificate in IMAGE_SERVICE_TLS_CERT");
  }
}

/**
 * TLS to the image service from IMAGE_SERVICE_TLS_* (PEM file paths), read
 * and checked once at start-up; undefined means plaintext. Any of the files
 * or a server name turns TLS on; IMAGE_SERVICE_TLS=1 turns it on with
 * Node's root CAs alone.
 */
export function imageServiceTls(env: TlsReader): TlsOptions | undefined {
  const value = (name: TlsVariable): string | undefined => env.text(name) || undefined;
  const files = { ca: value("IMAGE_SERVICE_TLS_CA"), cert: value("IMAGE_SERVICE_TLS_CERT"), key: value("IMAGE_SERVICE_TLS_KEY") };
  const serverName = value("IMAGE_SERVICE_TLS_SERVER_NAME");
  // Unset is neither: TLS then follows from whether any file or name is given.
  const switched = env.isSet("IMAGE_SERVICE_TLS") ? env.flag("IMAGE_SERVICE_TLS") : undefined;
  const material = Object.entries({ ...files, serverName }).filter(([, path]) => path !== undefined);
  if (switched === false) {
    // Saying off while naming files is a contradiction: guessing either way is wrong for someone.
    if (material.length > 0) {
      env.problem(`IMAGE_SERVICE_TLS=${env.text("IMAGE_SERVICE_TLS")} turns TLS off, yet other IMAGE_SERVICE_TLS_* variables are set: unset one or the other`);
    }
    return undefined;
  }
  if (material.length === 0 && switched !== true) return undefined;
  if (!files.cert !== !files.key) {
    env.problem("IMAGE_SERVICE_TLS_CERT and IMAGE_SERVICE_TLS_KEY go together: set both for mutual TLS, or neither");
    return undefined;
  }
  let tls: TlsOptions;
  try {
    tls = readTlsFiles({ ...files, serverName });
  } catch (error) {
    env.problem(`IMAGE_SERVICE_TLS_*: ${(error as Error).message}`);
    return undefined;
  }
  checkMaterial(tls, (problem) => env.problem(problem));
  return tls;
}
