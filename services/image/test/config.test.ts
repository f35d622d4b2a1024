import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { describe, it } from "node:test";

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { status } from "@grpc/grpc-js";
import { ConfigError } from "@pixelrpc/service-runtime";

import { configDefaults, loadConfig, sourceNaming } from "../src/process/config.js";
import { AllowedUrls } from "@pixelrpc/outbound";
import { Presets, type PresetRequest } from "../src/server/presets.js";
import { RpcError } from "../src/server/rpc-error.js";

const MIB = 1024 * 1024;

/** Asserts that loadConfig(env) throws one ConfigError whose problems are exactly `problems`. */
function assertProblems(env: Record<string, string>, problems: string[]): void {
  assert.throws(
    () => loadConfig(env),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
      assert.equal(error.name, "ConfigError");
      assert.deepEqual(error.problems, problems);
      assert.equal(error.message, `invalid configuration: ${problems.join("; ")}`);
      return true;
    },
  );
}

const addressProblem = (raw: string) => `IMAGE_GRPC_ADDR must be host:port (port 0 picks a free one), got ${JSON.stringify(raw)}`;
const threadsProblem = (raw: string) => `IMAGE_POOL_THREADS must be a whole number from 1 to 256, got ${JSON.stringify(raw)}`;
const pixelsProblem = (raw: string) => `IMAGE_MAX_INPUT_PIXELS must be a whole number from 1 to 4294967296, got ${JSON.stringify(raw)}`;
const bytesProblem = (raw: string) => `IMAGE_MAX_MESSAGE_BYTES must be a whole number from 17408 to 2147483647, got ${JSON.stringify(raw)}`;

describe("loadConfig defaults", () => {
  it("uses the documented defaults for an empty environment", () => {
    assert.deepEqual(loadConfig({}), {
      grpcAddress: "127.0.0.1:50051",
      poolThreads: availableParallelism(),
      maxInputPixels: 50_000_000,
      maxMessageBytes: 32 * MIB,
      maxInputBytes: 32 * MIB,
      maxInputDimension: 65_535,
      maxInputPages: 256,
      maxOutputDimension: 16384,
      maxProcessingSeconds: 60,
      testHooks: false,
      maxQueue: 64,
      maxQueueBytes: 128 * MIB,
      infoThreads: 1,
      shutdownGraceMs: 10_000,
      allowedSources: AllowedUrls.parse([], sourceNaming),
      allowedSourceAddresses: [],
      fetchTimeoutMs: 10_000,
      fetchMaxRedirects: 3,
      tls: undefined,
      metrics: undefined,
      libvipsNice: 10,
      flowControlWindowBytes: 4 * MIB,
      receiveBudgetBytes: 256 * MIB,
      receiveTimeoutMs: 30_000,
      maxConcurrentStreams: 100,
      taskProcesses: true,
      maxAvifEffort: 6,
      maxOverlays: 8,
      maxOverlayBytes: 8 * MIB,
      maxOverlayPixels: 16_777_216,
      maxTextCharacters: 1000,
      presets: Presets.none,
    });
  });

  it("publishes the defaults as strings, as they would appear in the environment", () => {
    assert.deepEqual(configDefaults, {
      IMAGE_GRPC_ADDR: "127.0.0.1:50051",
      IMAGE_POOL_THREADS: String(availableParallelism()),
      IMAGE_MAX_INPUT_PIXELS: "50000000",
      IMAGE_MAX_MESSAGE_BYTES: "33554432",
      IMAGE_MAX_INPUT_BYTES: "33554432",
      IMAGE_MAX_INPUT_DIMENSION: "65535",
      IMAGE_MAX_INPUT_PAGES: "256",
      IMAGE_PRESETS_FILE: "",
      IMAGE_MAX_OUTPUT_DIMENSION: "16384",
      IMAGE_MAX_PROCESSING_SECONDS: "60",
      IMAGE_TEST_HOOKS: "0",
      IMAGE_MAX_QUEUE: "64",
      IMAGE_MAX_QUEUE_BYTES: "134217728",
      IMAGE_INFO_THREADS: "1",
      IMAGE_SHUTDOWN_GRACE_MS: "10000",
      IMAGE_ALLOWED_SOURCES: "",
      IMAGE_ALLOWED_SOURCE_ADDRESSES: "",
      IMAGE_FETCH_TIMEOUT_MS: "10000",
      IMAGE_FETCH_MAX_REDIRECTS: "3",
      IMAGE_TLS_CERT: "",
      IMAGE_TLS_KEY: "",
      IMAGE_TLS_CLIENT_CA: "",
      IMAGE_HEALTHCHECK_TLS_CERT: "",
      IMAGE_HEALTHCHECK_TLS_KEY: "",
      IMAGE_METRICS_ADDR: "",
      IMAGE_LIBVIPS_NICE: "10",
      IMAGE_FLOW_CONTROL_WINDOW_BYTES: "4194304",
      IMAGE_RECEIVE_BUDGET_BYTES: "268435456",
      IMAGE_RECEIVE_TIMEOUT_MS: "30000",
      IMAGE_MAX_CONCURRENT_STREAMS: "100",
      IMAGE_TASK_PROCESSES: "1",
      IMAGE_MAX_AVIF_EFFORT: "6",
      IMAGE_MAX_OVERLAYS: "8",
      IMAGE_MAX_OVERLAY_BYTES: "8388608",
      IMAGE_MAX_OVERLAY_PIXELS: "16777216",
      IMAGE_MAX_TEXT_CHARACTERS: "1000",
    });
  });

  it("treats empty and blank variables as unset", () => {
    const blank = { IMAGE_GRPC_ADDR: "", IMAGE_POOL_THREADS: "   ", IMAGE_MAX_INPUT_PIXELS: "\t", IMAGE_MAX_MESSAGE_BYTES: "" };
    assert.deepEqual(loadConfig(blank), loadConfig({}));
  });

  it("ignores variables it does not read", () => {
    assert.deepEqual(loadConfig({ PATH: "/bin", IMAGE_UNKNOWN: "junk" }), loadConfig({}));
  });

  it("reads process.env when given no environment", () => {
    const saved = { ...process.env };
    try {
      process.env.IMAGE_POOL_THREADS = "3";
      process.env.IMAGE_GRPC_ADDR = "localhost:4000";
      const config = loadConfig();
      assert.equal(config.poolThreads, 3);
      assert.equal(config.grpcAddress, "localhost:4000");
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});

describe("loadConfig overrides", () => {
  it("reads every variable", () => {
    const config = loadConfig({
      IMAGE_GRPC_ADDR: "0.0.0.0:8080",
      IMAGE_POOL_THREADS: "4",
      IMAGE_MAX_INPUT_PIXELS: "1000",
      IMAGE_MAX_MESSAGE_BYTES: "65536",
      IMAGE_MAX_PROCESSING_SECONDS: "5",
      IMAGE_MAX_QUEUE: "7",
      IMAGE_MAX_QUEUE_BYTES: "2097152",
      IMAGE_INFO_THREADS: "2",
      IMAGE_SHUTDOWN_GRACE_MS: "0",
      IMAGE_ALLOWED_SOURCES: "https://images.example.com, https://cdn.example.com/photos/",
      IMAGE_ALLOWED_SOURCE_ADDRESSES: "10.0.0.0/8,fd00::/8",
      IMAGE_FETCH_TIMEOUT_MS: "2500",
      IMAGE_FETCH_MAX_REDIRECTS: "0",
      IMAGE_METRICS_ADDR: "[::]:9464",
      IMAGE_LIBVIPS_NICE: "0",
      IMAGE_FLOW_CONTROL_WINDOW_BYTES: "65535",
      IMAGE_MAX_OVERLAYS: "0",
      IMAGE_MAX_OVERLAY_BYTES: "1024",
      IMAGE_MAX_OVERLAY_PIXELS: "4096",
      IMAGE_MAX_TEXT_CHARACTERS: "10000",
    });
    assert.deepEqual(config, {
      grpcAddress: "0.0.0.0:8080",
      poolThreads: 4,
      maxInputPixels: 1000,
      maxMessageBytes: 65536,
      maxInputBytes: 32 * MIB,
      maxInputDimension: 65_535,
      maxInputPages: 256,
      maxOutputDimension: 16384,
      maxProcessingSeconds: 5,
      testHooks: false,
      maxQueue: 7,
      maxQueueBytes: 2 * MIB,
      infoThreads: 2,
      shutdownGraceMs: 0,
      allowedSources: AllowedUrls.parse(["https://images.example.com/", "https://cdn.example.com/photos/"], sourceNaming),
      allowedSourceAddresses: [
        { network: "10.0.0.0", prefix: 8, family: "ipv4" },
        { network: "fd00::", prefix: 8, family: "ipv6" },
      ],
      fetchTimeoutMs: 2500,
      fetchMaxRedirects: 0,
      tls: undefined,
      metrics: { host: "::", port: 9464 },
      libvipsNice: 0,
      flowControlWindowBytes: 65_535,
      receiveBudgetBytes: 256 * MIB,
      receiveTimeoutMs: 30_000,
      maxConcurrentStreams: 100,
      taskProcesses: true,
      maxAvifEffort: 6,
      maxOverlays: 0,
      maxOverlayBytes: 1024,
      maxOverlayPixels: 4096,
      maxTextCharacters: 10_000,
      presets: Presets.none,
    });
  });

  it("trims whitespace around values", () => {
    const config = loadConfig({ IMAGE_GRPC_ADDR: " localhost:1 ", IMAGE_POOL_THREADS: " 2\n" });
    assert.equal(config.grpcAddress, "localhost:1");
    assert.equal(config.poolThreads, 2);
  });

  it("accepts host names, IPv4 and bracketed IPv6 addresses, and port 0", () => {
    for (const address of [
      "[::1]:0",
      "[::]:50051",
      "[2001:db8::1]:443",
      "[::ffff:127.0.0.1]:80",
      "localhost:0",
      "image-service.internal:65535",
      "10.0.0.1:1",
    ]) {
      assert.equal(loadConfig({ IMAGE_GRPC_ADDR: address }).grpcAddress, address);
    }
  });

  it("accepts each numeric variable's bounds", () => {
    assert.equal(loadConfig({ IMAGE_POOL_THREADS: "1" }).poolThreads, 1);
    assert.equal(loadConfig({ IMAGE_POOL_THREADS: "256" }).poolThreads, 256);
    assert.equal(loadConfig({ IMAGE_MAX_INPUT_PIXELS: "1" }).maxInputPixels, 1);
    assert.equal(loadConfig({ IMAGE_MAX_INPUT_PIXELS: "4294967296" }).maxInputPixels, 2 ** 32);
    assert.equal(loadConfig({ IMAGE_MAX_MESSAGE_BYTES: "17408" }).maxMessageBytes, 17408);
    assert.equal(loadConfig({ IMAGE_MAX_MESSAGE_BYTES: "2147483647" }).maxMessageBytes, 2 ** 31 - 1);
    assert.equal(loadConfig({ IMAGE_LIBVIPS_NICE: "19" }).libvipsNice, 19);
    assert.equal(loadConfig({ IMAGE_FLOW_CONTROL_WINDOW_BYTES: "2147483647" }).flowControlWindowBytes, 2 ** 31 - 1);
    assert.equal(loadConfig({ IMAGE_RECEIVE_BUDGET_BYTES: String(MIB), IMAGE_MAX_MESSAGE_BYTES: String(MIB) }).receiveBudgetBytes, MIB);
    assert.equal(loadConfig({ IMAGE_MAX_CONCURRENT_STREAMS: "1" }).maxConcurrentStreams, 1);
    assert.equal(loadConfig({ IMAGE_TASK_PROCESSES: "0" }).taskProcesses, false);
  });

  it("sizes the default receive budget to hold at least one message of the largest size", () => {
    assert.equal(loadConfig({ IMAGE_MAX_MESSAGE_BYTES: "2147483647" }).receiveBudgetBytes, 2 ** 31 - 1);
    assert.throws(
      () => loadConfig({ IMAGE_RECEIVE_BUDGET_BYTES: String(2 * MIB), IMAGE_MAX_MESSAGE_BYTES: String(4 * MIB) }),
      /IMAGE_RECEIVE_BUDGET_BYTES \(2097152\) must be at least IMAGE_MAX_MESSAGE_BYTES \(4194304\)/,
    );
    assert.throws(() => loadConfig({ IMAGE_RECEIVE_TIMEOUT_MS: "99" }), /IMAGE_RECEIVE_TIMEOUT_MS must be a whole number from 100/);
  });
});

describe("loadConfig errors", () => {
  it("refuses addresses that are not host:port, naming IMAGE_GRPC_ADDR", () => {
    const bad = [
      "localhost", // no port
      ":50051", // no host
      "localhost:", // empty port
      "localhost:65536", // port out of range
      "localhost:123456", // six digits
      "localhost:http", // named port
      "::1:50051", // IPv6 without brackets
      "[::1]", // bracketed IPv6 without port
      "[zz::1]:80", // not an IPv6 address
      "local host:80", // blank inside
      "http://localhost:80",
    ];
    for (const raw of bad) assertProblems({ IMAGE_GRPC_ADDR: raw }, [addressProblem(raw)]);
  });

  it("refuses IMAGE_POOL_THREADS that is not a whole number from 1 to 256", () => {
    for (const raw of ["0", "257", "-1", "1.5", "2e1", "0x10", "+4", "four", "4 threads", "Infinity"]) {
      assertProblems({ IMAGE_POOL_THREADS: raw }, [threadsProblem(raw)]);
    }
  });

  it("refuses IMAGE_LIBVIPS_NICE outside 0 to 19: a negative nice value needs privileges the service should not have", () => {
    for (const raw of ["-5", "20", "ten"]) {
      assertProblems({ IMAGE_LIBVIPS_NICE: raw }, [`IMAGE_LIBVIPS_NICE must be a whole number from 0 to 19, got ${JSON.stringify(raw)}`]);
    }
  });

  it("refuses IMAGE_FLOW_CONTROL_WINDOW_BYTES below HTTP/2's own 65535 or above its 2^31-1", () => {
    for (const raw of ["65534", "2147483648", "4MiB"]) {
      assertProblems({ IMAGE_FLOW_CONTROL_WINDOW_BYTES: raw }, [
        `IMAGE_FLOW_CONTROL_WINDOW_BYTES must be a whole number from 65535 to 2147483647, got ${JSON.stringify(raw)}`,
      ]);
    }
  });

  it("refuses IMAGE_MAX_INPUT_PIXELS outside 1 to 2^32", () => {
    for (const raw of ["0", "4294967297", "50e6", "50_000_000", "99999999999999999999"]) {
      assertProblems({ IMAGE_MAX_INPUT_PIXELS: raw }, [pixelsProblem(raw)]);
    }
  });

  it("refuses IMAGE_MAX_MESSAGE_BYTES outside 17 KiB (the smallest stream chunk and 1 KiB) to 2^31 - 1", () => {
    for (const raw of ["1024", "17407", "2147483648", "32MiB", "-4096"]) {
      assertProblems({ IMAGE_MAX_MESSAGE_BYTES: raw }, [bytesProblem(raw)]);
    }
  });

  it("reports the trimmed value it read", () => {
    assertProblems({ IMAGE_POOL_THREADS: "  0  " }, [threadsProblem("0")]);
  });

  it("names every bad variable in one ConfigError, in a fixed order", () => {
    assertProblems(
      {
        IMAGE_MAX_MESSAGE_BYTES: "12",
        IMAGE_MAX_INPUT_PIXELS: "lots",
        IMAGE_POOL_THREADS: "0",
        IMAGE_GRPC_ADDR: "nowhere",
      },
      [addressProblem("nowhere"), threadsProblem("0"), pixelsProblem("lots"), bytesProblem("12")],
    );
  });

  it("names only the bad variables when good ones are set too", () => {
    assertProblems({ IMAGE_GRPC_ADDR: "[::1]:0", IMAGE_POOL_THREADS: "999", IMAGE_MAX_INPUT_PIXELS: "1000", IMAGE_MAX_MESSAGE_BYTES: "1" }, [
      threadsProblem("999"),
      bytesProblem("1"),
    ]);
  });
});

describe("URL source settings", () => {
  it("refuses allowed sources that are not http(s) origins or prefixes, naming each", () => {
    assertProblems({ IMAGE_ALLOWED_SOURCES: "ftp://files.example.com/,https://user:pw@example.com/" }, [
      'IMAGE_ALLOWED_SOURCES must list http(s) origins or URL prefixes, or *: "ftp://files.example.com/" is not an http(s) origin or URL prefix (like https://images.example.com/photos/); "https://user:pw@example.com/" is not an http(s) origin or URL prefix (like https://images.example.com/photos/)',
    ]);
  });

  it("refuses allowed addresses that are not addresses or CIDR networks", () => {
    assertProblems({ IMAGE_ALLOWED_SOURCE_ADDRESSES: "10.0.0.0/33" }, [
      'IMAGE_ALLOWED_SOURCE_ADDRESSES must list addresses or CIDR networks (10.0.0.0/8, fd00::/8), got "10.0.0.0/33"',
    ]);
  });
});

describe("presets", () => {
  const presetsFile = (content: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), "pixelrpc-presets-")), "presets.json");
    writeFileSync(path, content);
    return path;
  };

  it("reads each preset in the form a call delivers it, and lists their names", () => {
    const path = presetsFile(
      JSON.stringify({
        thumbnail: { operations: [{ resize: { width: 320, fit: "FIT_COVER" } }], output: { format: "FORMAT_WEBP", quality: 75, effort: 0 } },
        "avatar.v2": { output: { format: "FORMAT_AVIF" } },
        "no-op": {},
      }),
    );
    const { presets } = loadConfig({ IMAGE_PRESETS_FILE: path });
    assert.deepEqual(presets.names, ["thumbnail", "avatar.v2", "no-op"]);
    const applied = presets.apply<PresetRequest>({ preset: "thumbnail", operations: [], output: null });
    assert.equal(applied.operations[0]!.operation, "resize");
    assert.equal(applied.operations[0]!.resize!.width, 320);
    assert.equal(applied.operations[0]!.resize!.fit, "FIT_COVER");
    assert.equal(applied.output!.format, "FORMAT_WEBP");
    assert.equal(applied.output!.quality, 75);
    // An optional field set to 0 is a value, and survives as one.
    assert.equal(applied.output!.effort, 0);
    assert.equal(applied.output!._effort, "effort");
  });

  const bad: [what: string, content: string, problem: (path: string) => string][] = [
    ["not JSON", "{thumbnail:", (path) => `IMAGE_PRESETS_FILE names ${JSON.stringify(path)}, which is not JSON: `],
    ["an array", "[]", (path) => `IMAGE_PRESETS_FILE ${JSON.stringify(path)}: the file must hold a JSON object of preset names to presets`],
    ["a bad name", '{"a b": {}}', (path) => `IMAGE_PRESETS_FILE ${JSON.stringify(path)}: preset "a b": a name must be 1 to 64 letters`],
    ["a preset that is a list", '{"t": []}', (path) => `IMAGE_PRESETS_FILE ${JSON.stringify(path)}: preset "t": must be an object`],
    [
      "a source in a preset",
      '{"t": {"url": "https://x"}}',
      (path) => `IMAGE_PRESETS_FILE ${JSON.stringify(path)}: preset "t": unknown field "url"; a preset has operations and output`,
    ],
    ["a preset naming a preset", '{"t": {"preset": "u"}}', (path) => `IMAGE_PRESETS_FILE ${JSON.stringify(path)}: preset "t": unknown field "preset"`],
    [
      "a misspelt field",
      '{"t": {"operations": [{"resize": {"widht": 3}}]}}',
      (path) => `IMAGE_PRESETS_FILE ${JSON.stringify(path)}: preset "t": operations[0].resize: unknown field "widht"`,
    ],
    [
      "an unknown enum name",
      '{"t": {"output": {"format": "FORMAT_JPG"}}}',
      (path) => `IMAGE_PRESETS_FILE ${JSON.stringify(path)}: preset "t": output.format: unknown value "FORMAT_JPG"`,
    ],
    [
      "a value the service refuses",
      '{"t": {"operations": [{"resize": {"width": 99999}}]}}',
      (path) => `IMAGE_PRESETS_FILE ${JSON.stringify(path)}: preset "t": operations[0].resize.width must be from 1 to `,
    ],
    [
      "more drawing than the service allows",
      JSON.stringify({ t: { operations: Array.from({ length: 9 }, () => ({ text: { text: "x" } })) } }),
      (path) => `IMAGE_PRESETS_FILE ${JSON.stringify(path)}: preset "t": operations draw 9 overlays and texts; this service allows at most 8 a call`,
    ],
  ];
  for (const [what, content, problem] of bad) {
    it(`stops at start for ${what}, naming the preset`, () => {
      const path = presetsFile(content);
      assert.throws(
        () => loadConfig({ IMAGE_PRESETS_FILE: path }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.equal(error.problems.length, 1, error.problems.join("\n"));
          assert.ok(error.problems[0]!.startsWith(problem(path)), `${error.problems[0]}\ndoes not start with\n${problem(path)}`);
          return true;
        },
      );
    });
  }

  it("refuses any preset on a service without presets, saying it has none", () => {
    assert.throws(
      () => Presets.none.apply<PresetRequest>({ preset: "thumbnail", operations: [], output: null }),
      (error: unknown) =>
        error instanceof RpcError &&
        error.code === status.INVALID_ARGUMENT &&
        error.message === 'preset "thumbnail" is unknown; this service has no presets (IMAGE_PRESETS_FILE)',
    );
  });

  it("stops at start for a file it cannot read", () => {
    assert.throws(
      () => loadConfig({ IMAGE_PRESETS_FILE: "/nonexistent/presets.json" }),
      /IMAGE_PRESETS_FILE names "\/nonexistent\/presets.json", which cannot be read: ENOENT/,
    );
  });

  it("names every bad preset at once", () => {
    const path = presetsFile('{"a": {"x": 1}, "good": {}, "b": {"output": {"quality": 101}}}');
    assert.throws(
      () => loadConfig({ IMAGE_PRESETS_FILE: path }),
      (error: unknown) =>
        error instanceof ConfigError && error.problems.length === 2 && /preset "a"/.test(error.problems[0]!) && /preset "b"/.test(error.problems[1]!),
    );
  });
});

describe("TLS settings", () => {
  const directory = mkdtempSync(join(tmpdir(), "pixelrpc-config-"));
  const file = (name: string): string => {
    const path = join(directory, name);
    writeFileSync(path, `-----BEGIN ${name}-----\n`);
    return path;
  };

  it("reads the certificate, key and client CA files", () => {
    const config = loadConfig({ IMAGE_TLS_CERT: file("cert"), IMAGE_TLS_KEY: file("key"), IMAGE_TLS_CLIENT_CA: file("ca") });
    assert.equal(config.tls?.cert.toString(), "-----BEGIN cert-----\n");
    assert.equal(config.tls?.key.toString(), "-----BEGIN key-----\n");
    assert.equal(config.tls?.clientCa?.toString(), "-----BEGIN ca-----\n");
  });

  it("serves TLS without a client CA, and plaintext with nothing set", () => {
    assert.equal(loadConfig({ IMAGE_TLS_CERT: file("cert"), IMAGE_TLS_KEY: file("key") }).tls?.clientCa, undefined);
    assert.equal(loadConfig({}).tls, undefined);
  });

  it("refuses half a key pair, a client CA without TLS, and unreadable files", () => {
    assertProblems({ IMAGE_TLS_CERT: file("cert") }, ["IMAGE_TLS_CERT and IMAGE_TLS_KEY go together: set both for TLS, or neither for plaintext"]);
    assertProblems({ IMAGE_TLS_CLIENT_CA: file("ca") }, ["IMAGE_TLS_CLIENT_CA needs IMAGE_TLS_CERT and IMAGE_TLS_KEY: mutual TLS is TLS first"]);
    const missing = join(directory, "missing.pem");
    assertProblems({ IMAGE_TLS_CERT: missing, IMAGE_TLS_KEY: file("key") }, [
      `IMAGE_TLS_CERT names ${JSON.stringify(missing)}, which cannot be read: ENOENT: no such file or directory, open '${missing}'`,
    ]);
  });

  it("reads the health check's own client certificate for a mutual-TLS port, and refuses it anywhere else", () => {
    const mutual = { IMAGE_TLS_CERT: file("cert"), IMAGE_TLS_KEY: file("key"), IMAGE_TLS_CLIENT_CA: file("ca") };
    const probe = { IMAGE_HEALTHCHECK_TLS_CERT: file("probe-cert"), IMAGE_HEALTHCHECK_TLS_KEY: file("probe-key") };
    const { healthcheck } = loadConfig({ ...mutual, ...probe }).tls!;
    assert.equal(`${healthcheck?.cert}${healthcheck?.key}`, "-----BEGIN probe-cert-----\n-----BEGIN probe-key-----\n");
    assert.equal(loadConfig(mutual).tls?.healthcheck, undefined);
    const unused = "IMAGE_HEALTHCHECK_TLS_CERT and IMAGE_HEALTHCHECK_TLS_KEY are for a port that serves mutual TLS: set IMAGE_TLS_CLIENT_CA too, or unset them";
    for (const variables of [probe, { ...probe, IMAGE_TLS_CERT: file("cert"), IMAGE_TLS_KEY: file("key") }]) assertProblems(variables, [unused]);
    assertProblems({ ...mutual, IMAGE_HEALTHCHECK_TLS_KEY: file("probe-key") }, [
      "IMAGE_HEALTHCHECK_TLS_CERT and IMAGE_HEALTHCHECK_TLS_KEY go together: set both, or neither for the service's own certificate",
    ]);
  });
});

describe("metrics settings", () => {
  it("refuses an IMAGE_METRICS_ADDR that is not host:port", () => {
    assertProblems({ IMAGE_METRICS_ADDR: "9464" }, ['IMAGE_METRICS_ADDR must be host:port (port 0 picks a free one), or empty for no metrics, got "9464"']);
  });
});
