/**
 * The pixelrpc command end to end: the real CLI as a child process against
 * the real image service, its outputs decoded and checked.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import { Server, ServerCredentials, type ServerWritableStream } from "@grpc/grpc-js";
import { makeTestPki, fixture, fixturesDir, startImageService, type RunningService } from "@pixelrpc/harness";
import { type VariantsRequest__Output, type VariantsResponse } from "@pixelrpc/client";
import { loadImageServiceGrpcObject } from "@pixelrpc/proto";
import sharp from "sharp";

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "pixelrpc-cli-"));
let service: RunningService;

before(async () => {
  service = await startImageService();
});
after(() => service?.stop());

interface Run {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs `pixelrpc ...args` against the test's service (unless args name another --target). */
function pixelrpc(args: readonly string[], { stdin, target = true }: { stdin?: Buffer; target?: boolean } = {}): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", main, ...args, ...(target ? ["--target", service.address] : [])], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, PIXELRPC_TARGET: "" },
  });
  const stdout: Buffer[] = [];
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout: Buffer.concat(stdout), stderr })));
}

async function decoded(path: string | Buffer): Promise<string> {
  const { format, width, height } = await sharp(path).metadata();
  return `${format} ${width}x${height}`;
}

describe("pixelrpc transform", () => {
  it("resizes and converts, the format from the output's extension", async () => {
    const output = join(work, "photo.webp");
    const run = await pixelrpc(["transform", join(fixturesDir, "320x240.jpg"), "-o", output, "--width", "100"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await decoded(output), "webp 100x75");
    assert.match(run.stderr, /320x240\.jpg -> .*photo\.webp: WEBP 100x75 at quality 80, [\d.]+ KiB in [\d.]+ s/);
  });

  it("keeps a result within --max-bytes and says the quality it took", async () => {
    const output = join(work, "budget.jpg");
    const run = await pixelrpc(["transform", join(fixturesDir, "2569067123_aca715a2ee_o.jpg"), "-o", output, "--width", "400", "--max-bytes", "12000"]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(statSync(output).size <= 12_000, `${statSync(output).size} bytes`);
    const quality = Number(/JPEG 400x327 at quality (\d+), /.exec(run.stderr)?.[1]);
    assert.ok(quality >= 1 && quality < 80, run.stderr);
    assert.equal(await decoded(output), "jpeg 400x327");
  });

  it("reads stdin and writes stdout with -, --format and --quality", async () => {
    const run = await pixelrpc(["transform", "-", "-o", "-", "--format", "jpeg", "-q", "50", "--width", "64", "--height", "64", "--fit", "contain"], {
      stdin: fixture("Landscape_1.jpg"),
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await decoded(run.stdout), "jpeg 64x64");
  });

  it("takes every operation of the catalogue's compact form as a flag, run in its order", async () => {
    const output = join(work, "cropped.png");
    // Extract runs before the resize whatever the order typed: a 100x50 area, then 40 wide, grey, mirrored.
    const run = await pixelrpc(["transform", join(fixturesDir, "320x240.jpg"), "-o", output, "-w", "40", "--grayscale", "--flop", "--extract", "10,20,100,50"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await decoded(output), "png 40x20");
    const { data, info } = await sharp(output).raw().toBuffer({ resolveWithObject: true });
    for (let pixel = 0; pixel < info.width * info.height; pixel += 1) {
      const [r, g, b] = data.subarray(pixel * info.channels, pixel * info.channels + 3);
      assert.ok(r === g && g === b, `pixel ${pixel} is grey: ${r},${g},${b}`);
    }
  });

  it("keeps an animation's frames with --animated, and sets its loop count and delays", async () => {
    const output = join(work, "small.gif");
    const run = await pixelrpc([
      "transform",
      join(fixturesDir, "rotating-squares.gif"),
      "-o",
      output,
      "--animated",
      "-w",
      "40",
      "--loop",
      "2",
      "--delays-ms",
      "60",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const metadata = await sharp(output, { pages: -1 }).metadata();
    assert.deepEqual([metadata.pages, metadata.width, metadata.pageHeight, metadata.loop, metadata.delay], [30, 40, 40, 2, Array<number>(30).fill(60)]);
  });

  it("draws an overlay read from a file, and text, with --overlay and --text", async () => {
    const logo = join(work, "logo.png");
    await sharp({ create: { width: 20, height: 10, channels: 3, background: { r: 255, g: 0, b: 0 } } })
      .png()
      .toFile(logo);
    const output = join(work, "marked.png");
    const run = await pixelrpc([
      "transform",
      join(fixturesDir, "320x240.jpg"),
      "-o",
      output,
      "--overlay",
      logo,
      "--overlay-position",
      "right-bottom",
      "--overlay-x",
      "5",
      "--overlay-y",
      "5",
      "--text",
      "█",
      "--text-color",
      "0000ff",
      "--text-position",
      "left-top",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const { data, info } = await sharp(output).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number): string => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)].join();
    assert.equal(at(320 - 5 - 10, 240 - 5 - 5), "255,0,0", "the overlay, 5 px in from the bottom right");
    assert.notEqual(at(320 - 4, 240 - 10), "255,0,0", "the 5 px margin is the photo's");
    assert.equal(at(5, 15), "0,0,255", "the text's block, top left");
  });

  it("refuses a compact-form flag out of its type or range, with one line and exit 2", async () => {
    for (const [flags, pattern] of [
      [["--blur", "2000"], /^pixelrpc transform: --blur must be a number from 0 to 1000, got "2000"$/m],
      [["--blur", "1e3"], /--blur must be a number from 0 to 1000, got "1e3"/],
      [["--extract", "1,2,3"], /--extract must be left,top,width,height: 4 whole numbers from 0 to 65535 separated by commas, got "1,2,3"/],
      [["--extract", "1,2,3,-4"], /--extract must be left,top,width,height/],
      [["--background", "red", "-w", "10"], /--background must be a hex colour/],
      [["--position", "middle", "-w", "10"], /--position must be one of center, top, /],
      [["--fit", "contain"], /--fit, --position, --background and --without-enlargement need --width, --height or both/],
      [["--rotate", "9999999"], /--rotate must be a number from -360000 to 360000/],
      [["-q", "0"], /--quality must be a whole number from 1 to 100, got "0"/],
      [["--flip=yes"], /--flip/],
      [["--colors", "1"], /--colors must be a whole number from 2 to 256, got "1"/],
      [["--dither", "1.5"], /--dither must be a number from 0 to 1, got "1.5"/],
      [["--overlay-opacity", "0.5"], /--overlay-position, .* and --overlay-height need --overlay$/m],
      [["--overlay", join(work, "no-such-logo.png")], /--overlay ".*no-such-logo\.png" is neither an http\(s\) URL nor a file this can read/],
      [["--text", "hi", "--text-font", "comic"], /--text-font must be one of sans, serif, mono, got "comic"/],
      [["--text", ""], /--text must be text of 1 to 10000 characters, got ""/],
    ] as const) {
      const run = await pixelrpc(["transform", join(fixturesDir, "320x240.jpg"), "-o", join(work, "never.png"), ...flags]);
      assert.equal(run.code, 2, `${flags.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, pattern);
      assert.ok(!existsSync(join(work, "never.png")));
    }
  });

  it("reports a bad image as one line with the service's status, exit 1", async () => {
    const run = await pixelrpc(["transform", join(fixturesDir, "truncated.jpg"), "-o", join(work, "never.png")]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^pixelrpc transform: INVALID_ARGUMENT: .*JPEG/);
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
    assert.ok(!existsSync(join(work, "never.png")));
  });

  it("refuses bad usage with one line and exit 2, before calling anything", async () => {
    for (const [args, pattern] of [
      [["transform", "a.jpg"], /give the output with -o OUT/],
      [["transform", "a.jpg", "-o", "b.png", "--widht", "3"], /Unknown option '--widht'/],
      [["transform", "a.jpg", "-o", "b.png", "--fit", "squash", "--width", "3"], /--fit must be one of cover, contain, fill, inside, outside/],
      [["transform", "a.jpg", "-o", "b.png", "--format", "bmp"], /--format must be one of jpeg, png, webp, avif, gif, tiff/],
      [["transform", "a.jpg", "-o", "b.png", "--deadline", "soon"], /--deadline must be a duration/],
      [["frobnicate"], /unknown command "frobnicate"/],
    ] as const) {
      const run = await pixelrpc(args);
      assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, pattern);
      assert.doesNotMatch(run.stderr, /\n\s+at /, "a stack trace");
    }
  });
});

describe("pixelrpc info, health, --help", () => {
  it("describes an image, as text and as JSON", async () => {
    const text = await pixelrpc(["info", join(fixturesDir, "Landscape_6.jpg")]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout.toString(), /Landscape_6\.jpg: JPEG 600x450, .*\n {2}channels 3, .*\n {2}orientation 6, colour space srgb/);
    const json = await pixelrpc(["info", join(fixturesDir, "Landscape_6.jpg"), "--json"]);
    const response = JSON.parse(json.stdout.toString()) as { info: { width: number; height: number }; orientation: number };
    assert.deepEqual([response.info.width, response.info.height, response.orientation], [600, 450, 6]);
    const placeholders = await pixelrpc(["info", join(fixturesDir, "Landscape_6.jpg"), "--placeholders"]);
    assert.equal(placeholders.code, 0, placeholders.stderr);
    const lines = placeholders.stdout.toString();
    assert.match(lines, /\n {2}blurhash [0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{28}\n/, "4x3 components: 28 characters");
    assert.match(lines, /\n {2}thumbhash [A-Za-z0-9+/]+={0,2}\n/);
    const lqip = /\n {2}lqip (data:image\/webp;base64,[A-Za-z0-9+/]+={0,2})\n/.exec(lines)?.[1];
    assert.ok(lqip && lqip.length <= 1024, lines);
    const { width, height, format } = await sharp(Buffer.from(lqip.split(",")[1]!, "base64")).metadata();
    assert.deepEqual([format, width, height], ["webp", 32, 24]);
  });

  it("health says SERVING with exit 0; an unreachable service is one line and exit 1", async () => {
    const up = await pixelrpc(["health"]);
    assert.equal(up.code, 0);
    assert.equal(up.stdout.toString().trim(), "SERVING");
    const down = await pixelrpc(["health", "--target", "127.0.0.1:1", "--deadline", "3s"], { target: false });
    assert.equal(down.code, 1);
    assert.match(down.stderr, /^pixelrpc health: (UNAVAILABLE|DEADLINE_EXCEEDED): /);
    assert.equal(down.stderr.trim().split("\n").length, 1);
  });

  it("runs as the installed command from the built code", () => {
    const bin = fileURLToPath(new URL("../bin/pixelrpc.js", import.meta.url));
    const run = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it("--help explains the tool and every option of a command", async () => {
    const overview = await pixelrpc(["--help"], { target: false });
    assert.equal(overview.code, 0);
    for (const command of ["transform", "info", "variants", "batch", "health"]) assert.match(overview.stdout.toString(), new RegExp(`^ {2}${command} `, "m"));
    const help = await pixelrpc(["batch", "--help"], { target: false });
    assert.equal(help.code, 0);
    for (const option of ["--concurrency", "--overwrite", "--width", "--format", "--target", "--deadline", "--tls-ca", "--tls-cert"]) {
      assert.match(help.stdout.toString(), new RegExp(`${option}\\b.* \\w`), option);
    }
  });
});

describe("pixelrpc variants", () => {
  it("writes every width in every format, and names them by width and format", async () => {
    const directory = join(work, "set");
    const run = await pixelrpc([
      "variants",
      join(fixturesDir, "2569067123_aca715a2ee_o.jpg"),
      "--widths",
      "160,320",
      "--formats",
      "webp,avif",
      "-o",
      directory,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(directory).sort(), ["w160.avif", "w160.webp", "w320.avif", "w320.webp"]);
    assert.match(await decoded(join(directory, "w320.avif")), /^heif 320x/);
    assert.match(await decoded(join(directory, "w160.webp")), /^webp 160x/);
    assert.equal(run.stdout.toString().trim().split("\n").length, 4);
  });
});

/** Every path under `root`, relative to it, sorted: what a run left on disk. */
const tree = (root: string): string[] => (readdirSync(root, { recursive: true }) as string[]).sort();

describe("pixelrpc variants against a service that answers with names of its own", () => {
  const source = fixture("320x240.jpg");
  const webp = (width: number): Promise<Buffer> => sharp(source).resize({ width }).webp().toBuffer();
  const answer = async (name: string, width: number): Promise<VariantsResponse> => {
    const image = await webp(width);
    return { name, image, info: { format: "FORMAT_WEBP", width, height: Math.round((width * 240) / 320), sizeBytes: image.byteLength } };
  };
  /** What the stub sends for the names it was asked for; each test sets it. */
  let respond: (asked: string[]) => Promise<VariantsResponse[]> = async () => [];
  let server: Server;
  let address: string;

  before(async () => {
    server = new Server();
    server.addService(loadImageServiceGrpcObject().pixelrpc.image.v1.ImageService.service, {
      Variants: (call: ServerWritableStream<VariantsRequest__Output, VariantsResponse>) => {
        respond(call.request.variants.map((variant) => variant.name)).then(
          (responses) => {
            for (const response of responses) call.write(response);
            call.end();
          },
          (error: Error) => call.destroy(error),
        );
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    address = `127.0.0.1:${port}`;
  });
  after(() => server?.forceShutdown());

  /** Runs variants of 320x240.jpg at 160 and 320 wide into <sandbox>/a/b/out, so that ../, ../../ and ../../../ all land inside the sandbox. */
  const run = (sandbox: string): Promise<Run> =>
    pixelrpc(
      ["variants", join(fixturesDir, "320x240.jpg"), "--widths", "160,320", "-o", join(sandbox, "a", "b", "out"), "--target", address, "--deadline", "10s"],
      {
        target: false,
      },
    );
  const legit = ["a", join("a", "b"), join("a", "b", "out"), join("a", "b", "out", "w160.webp"), join("a", "b", "out", "w320.webp")];

  for (const [label, hostile] of [
    ["a parent-relative name", "../escape.webp"],
    ["a name up to the sandbox", "../../../escape.webp"],
    ["an absolute name", "<sandbox>/abs.webp"],
    ["/tmp/abs", "/tmp/pixelrpc-cli-abs.webp"],
    ["a name with a folder", "sub/dir.webp"],
    ["..", ".."],
    [".", "."],
    ["an empty name", ""],
    ["a name with a NUL", "w160.webp\0../../escape"],
    ["a name with backslashes", "..\\..\\escape.webp"],
    ["a name not asked for", "w999.webp"],
    ["a name sent twice", "w160.webp"],
  ] as const) {
    it(`writes only what it asked for, into its folder, given ${label}`, async () => {
      const sandbox = mkdtempSync(join(tmpdir(), "pixelrpc-cli-hostile-"));
      const name = hostile.replace("<sandbox>", sandbox);
      const stray = await webp(40);
      respond = async (asked) => {
        assert.deepEqual(asked, ["w160.webp", "w320.webp"]);
        return [await answer("w160.webp", 160), { ...(await answer(name, 40)), image: stray }, await answer("w320.webp", 320)];
      };
      const result = await run(sandbox);
      assert.equal(result.code, 1, result.stderr);
      assert.ok(result.stderr.includes(`${JSON.stringify(name)}: `), result.stderr);
      assert.match(result.stderr, /not written/);
      assert.deepEqual(tree(sandbox), legit.slice().sort());
      assert.ok(!existsSync("/tmp/pixelrpc-cli-abs.webp"));
      const out = join(sandbox, "a", "b", "out");
      assert.match(await decoded(join(out, "w160.webp")), /^webp 160x120$/);
      assert.match(await decoded(join(out, "w320.webp")), /^webp 320x240$/);
      assert.equal(result.stdout.toString().trim().split("\n").length, 2, result.stdout.toString());
    });
  }

  it("fails, naming it, when a variant asked for never arrives", async () => {
    const sandbox = mkdtempSync(join(tmpdir(), "pixelrpc-cli-hostile-"));
    respond = async () => [await answer("w160.webp", 160)];
    const result = await run(sandbox);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^w320\.webp: failed: the service never sent it$/m);
    assert.deepEqual(tree(sandbox), legit.slice(0, 4).sort());
  });

  it("overwrites a file in its folder, but never writes through a symbolic link there", async () => {
    const sandbox = mkdtempSync(join(tmpdir(), "pixelrpc-cli-hostile-"));
    const out = join(sandbox, "a", "b", "out");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(sandbox, "outside"), "keep");
    symlinkSync(join(sandbox, "outside"), join(out, "w160.webp"));
    writeFileSync(join(out, "w320.webp"), "stale");
    respond = async () => [await answer("w160.webp", 160), await answer("w320.webp", 320)];
    const result = await run(sandbox);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^w160\.webp: cannot write .*w160\.webp: it is a symbolic link, not followed$/m);
    assert.equal(readFileSync(join(sandbox, "outside"), "utf8"), "keep");
    assert.match(await decoded(join(out, "w320.webp")), /^webp 320x240$/);
  });
});

describe("pixelrpc batch over ../shared/fixtures", () => {
  const output = join(work, "batch");

  it("writes the good images, reports the bad ones, exits 1 and lists them", async () => {
    const run = await pixelrpc(["batch", fixturesDir, output, "--width", "64", "--format", "png", "-c", "3"]);
    assert.equal(run.code, 1, run.stderr);
    const summary = run.stdout.toString();
    const [, total, written, skipped, failed] = /^(\d+) files: (\d+) written, (\d+) skipped, (\d+) failed/.exec(summary)!.map(Number);
    assert.equal(skipped, 0);
    assert.equal(written! + failed!, total);
    // The fixtures README's bad files: corrupt, truncated, or over the pixel limit.
    for (const bad of ["corrupt-header.jpg", "truncated.jpg", "truncated.png", "giant-image.jpg", "65536-uint32-limit.png"]) {
      assert.match(run.stderr, new RegExp(`^failed: ${bad.replace(".", "\\.")}: INVALID_ARGUMENT: `, "m"), bad);
      assert.ok(!existsSync(join(output, bad.replace(/\.\w+$/, ".png"))));
    }
    assert.equal(failed, 5, run.stderr);
    for (const good of ["Landscape_1.png", "320x240.png", "p3.png", "check.png", "animated-loop-3.gif.png", "animated-loop-3.webp.png"]) {
      assert.match(await decoded(join(output, good)), /^png 64x/, good);
    }
    // Not a terminal: one plain line per file.
    assert.equal(run.stderr.split("\n").filter((line) => /^(ok|FAILED|skipped) /.test(line)).length, total);
  });

  it("skips outputs that exist on a second run", async () => {
    const before = statSync(join(output, "Landscape_1.png")).mtimeMs;
    const run = await pixelrpc(["batch", fixturesDir, output, "--width", "64", "--format", "png"]);
    const [, total, written, skipped, failed] = /^(\d+) files: (\d+) written, (\d+) skipped, (\d+) failed/.exec(run.stdout.toString())!.map(Number);
    assert.equal(written, 0);
    assert.equal(skipped! + failed!, total);
    assert.equal(statSync(join(output, "Landscape_1.png")).mtimeMs, before);
    assert.ok(readFileSync(join(output, "Landscape_1.png")).byteLength > 0);
  });
});

describe("pixelrpc batch into a folder with a symbolic link in it", () => {
  it("reports that output as failed and leaves the link's target alone, even with --overwrite", async () => {
    const sandbox = mkdtempSync(join(tmpdir(), "pixelrpc-cli-batch-link-"));
    const [input, output] = [join(sandbox, "in"), join(sandbox, "out")];
    mkdirSync(input);
    mkdirSync(output);
    copyFileSync(join(fixturesDir, "320x240.jpg"), join(input, "photo.jpg"));
    copyFileSync(join(fixturesDir, "Landscape_1.jpg"), join(input, "other.jpg"));
    writeFileSync(join(sandbox, "outside"), "keep");
    symlinkSync(join(sandbox, "outside"), join(output, "photo.png"));
    const run = await pixelrpc(["batch", input, output, "--width", "32", "--format", "png", "--overwrite"]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /^failed: photo\.jpg: cannot write .*photo\.png: it is a symbolic link, not followed$/m);
    assert.equal(readFileSync(join(sandbox, "outside"), "utf8"), "keep");
    assert.match(await decoded(join(output, "other.png")), /^png 32x/);
  });
});

describe("pixelrpc against a mutual-TLS service", () => {
  it("connects with --tls-ca, --tls-cert and --tls-key, and fails in one line without them", async () => {
    const pki = makeTestPki();
    const secure = await startImageService({
      IMAGE_TLS_CERT: pki.path("server.pem"),
      IMAGE_TLS_KEY: pki.path("server.key"),
      IMAGE_TLS_CLIENT_CA: pki.path("ca.pem"),
    });
    try {
      const tls = ["--tls-ca", pki.path("ca.pem"), "--tls-cert", pki.path("client.pem"), "--tls-key", pki.path("client.key")];
      const output = join(work, "secure.png");
      const run = await pixelrpc(["transform", join(fixturesDir, "320x240.jpg"), "-o", output, "--width", "32", "--target", secure.address, ...tls], {
        target: false,
      });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(await decoded(output), "png 32x24");
      const plain = await pixelrpc(["health", "--target", secure.address, "--deadline", "3s"], { target: false });
      assert.equal(plain.code, 1);
      assert.equal(plain.stderr.trim().split("\n").length, 1, plain.stderr);
      const missingKey = await pixelrpc(["health", "--target", secure.address, "--tls-cert", pki.path("client.pem")], { target: false });
      assert.equal(missingKey.code, 2);
      assert.match(missingKey.stderr, /--tls-cert and --tls-key go together/);
    } finally {
      await secure.stop();
      pki.remove();
    }
  });
});
