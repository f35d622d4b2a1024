import { createImageClient, readTlsFiles, type CallOptions, type ImageClient } from "@pixelrpc/client";

import { duration, UsageError, type Parsed } from "./arguments.js";

const DEFAULT_TARGET = "localhost:50051";

/** A client for the service the connection options name. */
export function connect(values: Parsed["values"]): ImageClient {
  const target = (values.target as string | undefined) ?? process.env.PIXELRPC_TARGET ?? DEFAULT_TARGET;
  const files = { ca: values["tls-ca"], cert: values["tls-cert"], key: values["tls-key"], serverName: values["tls-server-name"] } as Record<
    string,
    string | undefined
  >;
  if ((files.cert === undefined) !== (files.key === undefined)) throw new UsageError("--tls-cert and --tls-key go together: give both for mutual TLS");
  const secure = values.tls === true || Object.values(files).some((value) => value !== undefined);
  return createImageClient(target, secure ? { tls: readTlsFiles(files) } : {});
}

/** The per-call options: the deadline, counted from each call's start. */
export function callOptions(values: Parsed["values"]): () => CallOptions {
  const deadline = values.deadline as string | undefined;
  const timeoutMs = deadline === undefined ? undefined : duration(deadline, "deadline");
  return () => (timeoutMs === undefined ? {} : { timeoutMs });
}
