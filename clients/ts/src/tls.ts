import { readFileSync } from "node:fs";

import { credentials, type ChannelCredentials, type ChannelOptions } from "@grpc/grpc-js";

/** PEM-encoded material for a TLS or mutual-TLS connection to the image service. */
export interface TlsOptions {
  /** CA certificates that may sign the server's certificate. Default: Node's root CAs. */
  readonly ca?: Uint8Array | string;
  /** This client's certificate chain, for mutual TLS; give `key` with it. */
  readonly cert?: Uint8Array | string;
  /** The private key of `cert`. */
  readonly key?: Uint8Array | string;
  /**
   * The name the server's certificate must carry, when it is not the
   * target's host (a target given as an IP address, say).
   */
  readonly serverName?: string;
}

/** Paths of PEM files, as configuration gives them. */
export interface TlsFiles {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly serverName?: string;
}

const pem = (value: Uint8Array | string | undefined): Buffer | null => (value === undefined ? null : Buffer.isBuffer(value) ? value : Buffer.from(value));

/** grpc-js credentials and channel options for `tls`. */
export function tlsChannel(tls: TlsOptions): { credentials: ChannelCredentials; channelOptions: ChannelOptions } {
  if ((tls.cert === undefined) !== (tls.key === undefined)) {
    throw new TypeError("a client certificate needs its key: give both tls.cert and tls.key, or neither");
  }
  return {
    credentials: credentials.createSsl(pem(tls.ca), pem(tls.key), pem(tls.cert)),
    channelOptions: tls.serverName ? { "grpc.ssl_target_name_override": tls.serverName, "grpc.default_authority": tls.serverName } : {},
  };
}

/** Reads the PEM files that `files` names, with an error that says which one could not be read. */
export function readTlsFiles(files: TlsFiles): TlsOptions {
  const read = (what: string, path: string | undefined): Buffer | undefined => {
    if (path === undefined) return undefined;
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`cannot read the TLS ${what} file ${path}: ${(error as Error).message}`, { cause: error });
    }
  };
  return {
    ca: read("CA", files.ca),
    cert: read("certificate", files.cert),
    key: read("key", files.key),
    serverName: files.serverName,
  };
}
