/**
 * The Python side of the repository (clients/python, examples/aiohttp-thumbnails):
 * the python3 that has Debian's packages, and pytest run against the real
 * image service. Outside CI, a machine without the packages skips a Python
 * step with one line saying what to install; in CI (CI=true), where
 * .ci/run installs them, it fails the step instead.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { makeTestPki } from "./certificates.js";
import { fixturesDir, repoRoot } from "./paths.js";

/** The Debian packages the Python steps need, which .ci/run installs: one list, in clients/python/debian-packages.txt. */
const debianPackages = (): string[] =>
  readFileSync(join(repoRoot, "clients", "python", "debian-packages.txt"), "utf8")
    .split("\n")
    .filter(Boolean);

/** What the package, its tests and the example import. */
const MODULES = ["grpc", "google.protobuf", "pytest", "pytest_asyncio", "PIL", "aiohttp"];

/** Ends the step: a skip outside CI, a failure in it. */
export function pythonStepUnavailable(what: string): never {
  const line = `${what}: apt-get install ${debianPackages().join(" ")}`;
  if (process.env.CI === "true") {
    console.error(`error: ${line}`);
    process.exit(1);
  }
  console.error(`skipped: ${line}`);
  process.exit(0);
}

/**
 * A python3 with grpcio, protobuf, pytest, pytest-asyncio, Pillow and
 * aiohttp, and `extraModules` (mypy, black) when asked: $PIXELRPC_PYTHON if
 * set, else the first python3 on PATH that has them, else Debian's
 * /usr/bin/python3 (on some machines the first one on PATH is a pyenv or
 * conda build that sees none of Debian's packages).
 */
export function findPython(extraModules: readonly string[] = []): string {
  const candidates = process.env.PIXELRPC_PYTHON ? [process.env.PIXELRPC_PYTHON] : ["python3", "/usr/bin/python3"];
  const needed = [...MODULES, ...extraModules];
  const found = candidates.find((python) => spawnSync(python, ["-c", `import ${needed.join(", ")}`], { stdio: "ignore" }).status === 0);
  if (found === undefined) pythonStepUnavailable(`this step needs a python3 (tried ${candidates.join(", ")}) with ${needed.join(", ")}`);
  return found;
}

/** Where the pixelrpc package's source is: on PYTHONPATH for its own tests and the example's. */
export const pythonClientSource = join(repoRoot, "clients", "python", "src");

/** The pytest plugin that starts the image service for the Python tests (harness/python/pixelrpc_harness.py). */
const pythonHarness = join(repoRoot, "harness", "python");

/**
 * The environment a Python process of the repository runs in: the pixelrpc
 * package (and `importable`, more folders) importable from source, no
 * __pycache__ in the checkout, and `extra` on top.
 */
export function pythonEnv(extra: Record<string, string> = {}, importable: readonly string[] = []): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PYTHONPATH: [pythonClientSource, ...importable, process.env.PYTHONPATH].filter(Boolean).join(":"),
    PYTHONDONTWRITEBYTECODE: "1",
    ...extra,
  };
}

/** Runs `python -m <module> args` in `cwd` in pythonEnv(env, importable), and gives its exit status. */
export function runPython(
  python: string,
  module: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
  importable: readonly string[] = [],
): number {
  const result = spawnSync(python, ["-m", module, ...args], { cwd, stdio: "inherit", env: pythonEnv(env, importable) });
  return result.status ?? 1;
}

/**
 * Runs pytest in `cwd` against the real image service. The pixelrpc_harness
 * plugin starts the service as `npm start` does, from PIXELRPC_NODE and
 * PIXELRPC_IMAGE_SERVICE (the node arguments and environment, as JSON); the
 * tests read the shared images from PIXELRPC_FIXTURES and a throwaway PKI
 * (ca.pem, server.key, client.pem, rogue-client.key, ...) from PIXELRPC_PKI.
 */
export async function runPytest(cwd: string, args: readonly string[] = []): Promise<number> {
  const python = findPython();
  // Only here: the service's start command needs the workspace built, which lint and typecheck do not.
  const { npmStart } = await import("./services.js");
  const pki = makeTestPki();
  try {
    const env = {
      PIXELRPC_NODE: process.execPath,
      PIXELRPC_IMAGE_SERVICE: JSON.stringify(npmStart("@pixelrpc/image-service")),
      PIXELRPC_FIXTURES: fixturesDir,
      PIXELRPC_PKI: pki.path(""),
    };
    return runPython(python, "pytest", ["-p", "no:cacheprovider", "-p", "pixelrpc_harness", "--durations=5", ...args], cwd, env, [pythonHarness]);
  } finally {
    pki.remove();
  }
}
