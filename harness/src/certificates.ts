/**
 * A throwaway PKI that openssl makes for one test run: two CAs ("ca" and a
 * "rogue-ca" nobody trusts), a server certificate for localhost and
 * 127.0.0.1, a client certificate from "ca", and one from "rogue-ca".
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestPki {
  /** The path of a file it made: "ca.pem", "server.key", "client.pem", "rogue-client.key", ... */
  path(name: string): string;
  remove(): void;
}

const SERVER_EXTENSIONS = "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth";
const CLIENT_EXTENSIONS = "extendedKeyUsage=clientAuth";

export function makeTestPki(): TestPki {
  const directory = mkdtempSync(join(tmpdir(), "pixelrpc-pki-"));
  const path = (name: string): string => join(directory, name);
  const openssl = (...args: string[]): void => void execFileSync("openssl", args, { cwd: directory, stdio: ["ignore", "ignore", "pipe"] });
  const makeCa = (name: string): void =>
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", `/CN=${name}`, "-keyout", `${name}.key`, "-out", `${name}.pem`);
  const issue = (name: string, ca: string, subject: string, extensions: string): void => {
    writeFileSync(path(`${name}.ext`), `${extensions}\n`);
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${subject}`, "-keyout", `${name}.key`, "-out", `${name}.csr`);
    openssl(
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      `${ca}.pem`,
      "-CAkey",
      `${ca}.key`,
      "-CAcreateserial",
      "-days",
      "1",
      "-out",
      `${name}.pem`,
      "-extfile",
      `${name}.ext`,
    );
  };
  makeCa("ca");
  makeCa("rogue-ca");
  issue("server", "ca", "pixelrpc-image", SERVER_EXTENSIONS);
  issue("client", "ca", "gateway", CLIENT_EXTENSIONS);
  issue("rogue-client", "rogue-ca", "intruder", CLIENT_EXTENSIONS);
  return { path, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
