/**
 * The gateway as an attacker and a careless user meet it: every spelling of
 * a protected route without a key, every malformed query, options part,
 * body, header and pace. Each request gets its exact status and a
 * problem+json body; none yields a 2xx it should not, a 5xx, or work
 * upstream; both services are healthy and small afterwards.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";

import { fixture, startGateway, withStack } from "@pixelrpc/harness";
import { head, rawExchange, type RawResponse } from "./raw-http.js";

const key = "hostile-test-key-0123456789";
const signingKey = "hostile-test-signing-key-0123456789abcdef";
const stack = withStack(
  {},
  {
    GATEWAY_API_KEYS: key,
    GATEWAY_URL_SIGNING_KEYS: signingKey,
    GATEWAY_BODY_IDLE_TIMEOUT_MS: "1000",
    GATEWAY_HEADERS_TIMEOUT_MS: "1000",
    GATEWAY_MAX_BODY_BYTES: String(2 * 1024 * 1024),
  },
);

const small = fixture("320x240.jpg");
const bearer = { authorization: `Bearer ${key}` };
const unknownJob = "00000000-0000-4000-8000-000000000000";
let job = unknownJob;

const address = (): string => stack.gateway.url.replace(/^http:\/\//, "");

interface Exchange {
  readonly method?: string;
  readonly target: string;
  readonly headers?: Readonly<Record<string, string | number>>;
  readonly body?: Buffer | string;
  readonly host?: string;
}

function exchange({ method = "POST", target, headers = {}, body, host }: Exchange): Promise<RawResponse | undefined> {
  const withLength = body === undefined ? headers : { "content-length": Buffer.byteLength(body), ...headers };
  const request = Buffer.concat([Buffer.from(head(method, target, withLength, host), "latin1"), Buffer.from(body ?? "")]);
  return rawExchange({ address: address(), send: request });
}

/** Asserts the exact status and a problem+json body whose detail matches. */
function assertProblem(response: RawResponse | undefined, status: number, detail: RegExp | undefined, what: string): void {
  assert.ok(response, `${what}: the connection closed without an answer`);
  assert.equal(response.status, status, `${what}: ${response.body.toString().slice(0, 300)}`);
  if (status === 204 || status === 304) return;
  assert.match(response.headers["content-type"] ?? "", /^application\/problem\+json/, `${what}: content-type`);
  const problem = JSON.parse(response.body.toString()) as { status: number; title: string; detail: string; type: string };
  assert.equal(problem.status, status, what);
  assert.equal(problem.type, "about:blank", what);
  assert.ok(problem.title.length > 0, what);
  if (detail) assert.match(problem.detail, detail, what);
}

/** Image-service calls seen so far: none may come of a request the gateway refuses. */
const upstreamCalls = (): number => stack.images.logs.filter((entry) => typeof entry.method === "string" && entry.method !== "Check").length;

function multipart(
  parts: readonly { name: string; filename?: string; type?: string; content: Buffer | string }[],
  boundary = "hostileboundary",
): { body: Buffer; type: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? "" : `; filename="${part.filename}"`}`;
    const type = part.type === undefined ? "" : `\r\ncontent-type: ${part.type}`;
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: ${disposition}${type}\r\n\r\n`), Buffer.from(part.content), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

const image = { name: "image", filename: "a.jpg", type: "image/jpeg", content: small };
const withOptions = (options: string): { body: Buffer; type: string } => multipart([image, { name: "options", content: options }]);

describe("no way past the API key", () => {
  before(async () => {
    const { body, type } = withOptions(
      JSON.stringify({ variants: [{ name: "w10", operations: [{ resize: { width: 10 } }], output: { format: "FORMAT_PNG" } }] }),
    );
    const created = await exchange({ target: "/v1/jobs", headers: { ...bearer, "content-type": type }, body });
    assert.equal(created?.status, 202, created?.body.toString());
    job = (JSON.parse(created.body.toString()) as { id: string }).id;
    // Its call to the image service must be over before the tests count calls.
    for (let state = ""; state !== "succeeded"; await new Promise((wait) => setTimeout(wait, 50))) {
      state = (JSON.parse((await exchange({ method: "GET", target: `/v1/jobs/${job}`, headers: bearer }))!.body.toString()) as { status: string }).status;
    }
  });

  // Every spelling of a protected route: the router either resolves it to the route, whose
  // scope checks the key (401), or does not route it at all (404). Never a 2xx, never work.
  const spellings: [target: string, status: 401 | 404][] = [
    ["/v1/transform", 401],
    ["/%761/transform", 401],
    ["/v%31/transform", 401],
    ["/%76%31/%74%72%61%6E%73%66%6F%72%6D", 401],
    ["/v1/%74ransform", 401],
    ["/v1/transform?w=10", 401],
    ["/v1/transform?", 401],
    ["http://localhost/v1/transform", 401],
    ["http://other.example/v1/transform", 401],
    ["http://other.example:9999/%761/transform", 401],
    ["/v1%2Ftransform", 404],
    ["/v1%2ftransform", 404],
    ["//v1/transform", 404],
    ["/v1//transform", 404],
    ["/v1/transform/", 404],
    ["/v1/transform;a=b", 404],
    ["/V1/transform", 404],
    ["/v1/Transform", 404],
    ["/v1/./transform", 404],
    ["/v1/../v1/transform", 404],
    ["/./v1/transform", 404],
    ["/v1/transform%20", 404],
    ["/v1/transform%00", 404],
    ["/v1/transform%2F", 404],
    ["/v1/info", 401],
    ["/%761/info", 401],
    ["/v1/%69nfo", 401],
    ["http://localhost/v1/info", 401],
    ["/v1/info/", 404],
    ["/v1/jobs", 401],
    ["/v1/%6aobs", 401],
    ["/v1/jobs/", 404],
  ];
  const readSpellings: [target: () => string, status: 401 | 404][] = [
    [() => `/v1/jobs/${job}`, 401],
    [() => `/v1/jobs/${job}/events`, 401],
    [() => `/v1/jobs/${job}/results/w10`, 401],
    [() => `/%761/jobs/${job}/results/w10`, 401],
    [() => `/v1/jobs/${job}/results/%77%310`, 401],
    [() => `/v1/jobs/${job.toUpperCase()}`, 401],
    [() => `http://localhost/v1/jobs/${job}`, 401],
    [() => `/v1/jobs/${job}/`, 404],
    [() => `/v1/jobs//${job}`, 404],
    [() => `/v1/jobs/${job}/result`, 401],
  ];
  const keys: [name: string, headers: Record<string, string>][] = [
    ["no key", {}],
    ["a wrong key", { authorization: "Bearer wrong-key-0123456789abcdef" }],
    ["a key in the wrong scheme", { authorization: `Basic ${Buffer.from(`user:${key}`).toString("base64")}` }],
    ["an empty bearer", { authorization: "Bearer " }],
  ];

  it("POSTs to every spelling of the API routes get 401 or 404, and the image service is never called", async () => {
    const before = upstreamCalls();
    for (const [target, status] of spellings) {
      for (const [name, headers] of keys) {
        const response = await exchange({ target, headers: { ...headers, "content-type": "image/jpeg" }, body: small });
        assertProblem(response, status, status === 401 ? /Bearer|not valid/ : /^there is no route POST /, `POST ${target} with ${name}`);
      }
    }
    assert.equal(upstreamCalls(), before, "no call reached the image service");
  });

  it("GET, HEAD and DELETE of every spelling of the job routes get 401 or 404", async () => {
    for (const [target, status] of readSpellings) {
      for (const method of ["GET", "HEAD", "DELETE"]) {
        for (const [name, headers] of keys.slice(0, 2)) {
          const response = await exchange({ method, target: target(), headers });
          // DELETE exists for /v1/jobs/:id only; a HEAD answer carries no body to read.
          const expected = method === "DELETE" && !/^(?:http:\/\/localhost)?\/v1\/jobs\/[\w-]+$/i.test(target()) ? 404 : status;
          if (method === "HEAD") {
            assert.equal(response?.status, expected, `HEAD ${target()} with ${name}`);
            assert.equal(response?.body.byteLength, 0);
          } else assertProblem(response, expected, undefined, `${method} ${target()} with ${name}`);
        }
      }
    }
  });

  it("a Host of another name, odd methods and OPTIONS change nothing", async () => {
    const cases: [Exchange, number][] = [
      [{ target: "/v1/transform", host: "internal.admin", headers: { "content-type": "image/jpeg" }, body: small }, 401],
      [{ target: "/v1/transform", host: "localhost:1", headers: { "content-type": "image/jpeg" }, body: small }, 401],
      [{ method: "OPTIONS", target: "/v1/transform" }, 404],
      [{ method: "OPTIONS", target: "*" }, 404],
      [{ method: "PUT", target: "/v1/transform", headers: { "content-type": "image/jpeg" }, body: small }, 404],
      [{ method: "PATCH", target: "/v1/transform", headers: { "content-type": "image/jpeg" }, body: small }, 404],
      [{ method: "GET", target: "/v1/transform" }, 404],
      [{ method: "HEAD", target: "/v1/transform" }, 404],
      [{ method: "TRACE", target: "/v1/transform" }, 404],
      [{ method: "PROPFIND", target: "/v1/transform" }, 404],
      [{ method: "GET", target: "/v1/jobs/%zz" }, 400],
      [{ method: "GET", target: "/v1/jobs/%E0%A4%A" }, 400],
      [{ method: "GET", target: "/metrics" }, 404],
      [{ method: "GET", target: "/metrics", headers: bearer }, 404],
    ];
    for (const [request, status] of cases) {
      const response = await exchange(request);
      if (request.method === "HEAD") assert.equal(response?.status, status);
      else assertProblem(response, status, undefined, `${request.method ?? "POST"} ${request.target} Host ${request.host ?? "localhost"}`);
    }
  });

  it("signed job links open their own job only, unexpired and untampered", async () => {
    const view = await exchange({ method: "GET", target: `/v1/jobs/${job}`, headers: bearer });
    const { links } = JSON.parse(view!.body.toString()) as { links: { self: string } };
    const query = links.self.slice(links.self.indexOf("?") + 1);
    const parameters = new URLSearchParams(query);
    const exp = parameters.get("exp")!;
    const sig = parameters.get("sig")!;
    const opened = await exchange({ method: "GET", target: links.self });
    assert.equal(opened?.status, 200, opened?.body.toString());
    const cases: [target: string, status: number, detail: RegExp][] = [
      [`/v1/jobs/${unknownJob}?${query}`, 403, /does not match/],
      [`/v1/jobs/${job}?exp=${Number(exp) + 1}&sig=${sig}`, 403, /does not match/],
      // Another last character, whatever the signature's own is.
      [`/v1/jobs/${job}?exp=${exp}&sig=${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`, 403, /does not match/],
      [`/v1/jobs/${job}?exp=${exp}`, 403, /exp and sig once each/],
      [`/v1/jobs/${job}?sig=${sig}`, 403, /exp and sig once each/],
      [`/v1/jobs/${job}?${query}&sig=${sig}`, 403, /exp and sig once each/],
      [`/v1/jobs/${job}?exp=0x10&sig=${sig}`, 403, /whole seconds/],
      [`/v1/jobs/${job}?exp=1&sig=${sig}`, 403, /does not match/],
      [`/v1/jobs/${job}?${query}&w=10`, 400, /unknown parameter "w"/],
      [`/v1/jobs/${job}/results/w10?${query}`, 200, /./],
      [`/v1/jobs/${job}/results/nope?${query}`, 404, /makes no result named "nope"/],
      [`/v1/jobs/${job}/events?${query}&x=1`, 400, /unknown parameter "x"/],
    ];
    for (const [target, status, detail] of cases) {
      const response = await exchange({ method: "GET", target });
      if (status === 200) assert.equal(response?.status, 200, target);
      else assertProblem(response, status, detail, `GET ${target}`);
    }
    // DELETE needs the key: a link reads, it does not cancel.
    assertProblem(await exchange({ method: "DELETE", target: links.self }), 401, /Bearer/, "DELETE with a link");
  });
});

describe("every query parameter is read strictly", () => {
  const cases: [query: string, detail: RegExp][] = [
    ["width=100", /^unknown parameter "width"; did you mean "w"\?/],
    ["height=100", /did you mean "h"\?/],
    ["quality=80", /did you mean "q"\?/],
    ["fromat=webp", /did you mean "format"\?/],
    ["gravity=north", /did you mean "position"\?/],
    ["background=fff", /did you mean "bg"\?/],
    ["greyscale=true", /did you mean "grayscale"\?/],
    ["W=100", /^unknown parameter "W"; did you mean "w"\?/],
    ["__proto__=1", /^unknown parameter "__proto__"/],
    ["constructor=1", /^unknown parameter "constructor"/],
    ["w%00=1", /^unknown parameter "w\\u0000"/],
    ["=1", /^unknown parameter ""/],
    ["w=0x10", /^w must be a whole number from 0 to 65535, got "0x10"$/],
    ["w=1e3", /got "1e3"/],
    ["w=Infinity", /got "Infinity"/],
    ["w=NaN", /got "NaN"/],
    ["w=", /got ""/],
    ["w", /got ""/],
    ["w=-1", /got "-1"/],
    ["w=65536", /got "65536"/],
    ["w=4294967297", /got "4294967297"/],
    ["w=18446744073709551617", /got "18446744073709551617"/],
    ["w=1.5", /got "1.5"/],
    ["w=+5", /got " 5"/],
    ["w=%2B5", /got "\+5"/],
    ["w=%205", /got " 5"/],
    ["w=5%20", /got "5 "/],
    ["w=%EF%BC%95", /got "５"/],
    ["w=10&w=20", /^w is given more than once$/],
    ["w=10&w=10", /^w is given more than once$/],
    ["h=1,2", /^h must be a whole number/],
    ["q=0", /^q must be a whole number from 1 to 100, got "0"$/],
    ["q=101", /from 1 to 100/],
    ["q=80.0", /from 1 to 100/],
    ["effort=11", /^effort must be a whole number from 0 to 10/],
    ["rotate=1e1", /^rotate must be a decimal number from -360000 to 360000, got "1e1"$/],
    ["rotate=Infinity", /got "Infinity"/],
    ["rotate=360001", /got "360001"/],
    ["rotate=.5", /got ".5"/],
    ["rotate=5.", /got "5."/],
    ["rotate=--5", /got "--5"/],
    ["blur=1001", /^blur must be a decimal number from 0 to 1000/],
    ["blur=-0.5", /got "-0.5"/],
    ["sharpen=11", /^sharpen must be a decimal number from 0 to 10/],
    ["trim=256", /^trim must be a decimal number from 0 to 255/],
    ["extract=0,0,4294967297,1", /^extract must be left,top,width,height, each a whole number from 0 to 65535, got "4294967297"$/],
    ["extract=1,2,3", /^extract must be left,top,width,height: 4 whole numbers separated by commas, got "1,2,3"$/],
    ["extract=1,2,3,4,5", /4 whole numbers separated by commas/],
    ["extract=a,b,c,d", /got "a"/],
    ["extract=-1,0,10,10", /got "-1"/],
    ["extract=", /4 whole numbers separated by commas, got ""/],
    ["fit=FIT_COVER", /^fit has an unknown value "FIT_COVER"; expected one of cover, contain, fill, inside, outside$/],
    ["fit=Cover", /unknown value "Cover"/],
    ["fit=", /unknown value ""/],
    ["position=north", /^position has an unknown value "north"; expected one of center, top, right-top/],
    ["format=bmp", /^format has an unknown value "bmp"; expected one of jpeg, png, webp, avif, gif, tiff, auto$/],
    ["format=WEBP", /unknown value "WEBP"/],
    ["format=svg", /unknown value "svg"/],
    ["flip=yes", /^flip must be true or false \(or 1 or 0\), got "yes"$/],
    ["flip=", /got ""/],
    ["flip=TRUE", /got "TRUE"/],
    ["lossless=2", /got "2"/],
    ["bg=zzz", /^bg must be a hex colour/],
    ["bg=%23ffff%23", /^bg must be a hex colour/],
    ["bg=12345", /^bg must be a hex colour/],
    ["flatten=red", /^flatten must be a hex colour/],
    [`w=${"9".repeat(5000)}`, /^w must be a whole number from 0 to 65535, got "9{64}…"$/],
    ["fit=contain", /^fit, position, bg and without_enlargement need w, h or both$/],
    // Animation, GIF and WebP output, and rounded corners.
    ["radius=10", /^unknown parameter "radius"; did you mean "round"\?/],
    ["avatar=1", /did you mean "circle"\?/],
    ["colours=16", /did you mean "colors"\?/],
    ["delays=10", /did you mean "delay"\?/],
    ["anim=1", /did you mean "animated"\?/],
    ["loop=-1", /^loop must be a whole number from 0 to 65535, got "-1"$/],
    ["loop=65536", /got "65536"/],
    ["delay=1e3", /^delay must be a whole number from 0 to 65535, got "1e3"$/],
    ["delay=10,20", /^delay must be a whole number/],
    ["colors=1", /^colors must be a whole number from 2 to 256, got "1"$/],
    ["colors=257", /got "257"/],
    ["dither=1.5", /^dither must be a decimal number from 0 to 1, got "1.5"$/],
    ["dither=NaN", /got "NaN"/],
    ["min_size=yes", /^min_size must be true or false \(or 1 or 0\), got "yes"$/],
    ["mixed=2", /^mixed must be true or false/],
    ["animated=on", /^animated must be true or false/],
    ["round=0x10", /^round must be a whole number from 0 to 65535, got "0x10"$/],
    ["round=65536", /got "65536"/],
    ["round=5&round=5", /^round is given more than once$/],
    ["circle=yes", /^circle must be true or false/],
    // Overlays and text.
    ["watermark=x", /^unknown parameter "watermark"; did you mean "overlay"\?/],
    ["font_size=20", /did you mean "text_size"\?/],
    ["overlay=", /^overlay must be text of 1 to 8192 characters, got ""$/],
    [`overlay=${"a".repeat(9000)}`, /^overlay must be text of 1 to 8192 characters/],
    ["overlay=http://x/a.png&overlay_opacity=1.5", /^overlay_opacity must be a decimal number from 0 to 1, got "1.5"$/],
    ["overlay=http://x/a.png&overlay_opacity=NaN", /got "NaN"/],
    ["overlay=http://x/a.png&overlay_x=-70000", /^overlay_x must be a whole number from -65535 to 65535, got "-70000"$/],
    ["overlay=http://x/a.png&overlay_x=1e3", /got "1e3"/],
    ["overlay=http://x/a.png&overlay_y=%2B5", /got "\+5"/],
    ["overlay=http://x/a.png&overlay_position=middle", /^overlay_position has an unknown value "middle"; expected one of center, top/],
    ["overlay=http://x/a.png&overlay_blend=burn", /^overlay_blend has an unknown value "burn"/],
    [
      "overlay=http://x/a.png&overlay_position=attention",
      /^overlay_position has an unknown value "attention"; expected one of center, top, right-top, right, right-bottom, bottom, left-bottom, left, left-top$/,
    ],
    ["text=a&text_position=entropy", /^text_position has an unknown value "entropy"/],
    ["overlay=http://x/a.png&overlay_width=2", /^overlay_width must be a decimal number from 0 to 1, got "2"$/],
    ["overlay=http://x/a.png&overlay_tile=maybe", /^overlay_tile must be true or false/],
    [
      "overlay_opacity=0.5",
      /^overlay_position, overlay_x, overlay_y, overlay_tile, overlay_opacity, overlay_blend, overlay_width and overlay_height need overlay$/,
    ],
    ["overlay_tile=1", /need overlay$/],
    ["text=", /^text must be text of 1 to 10000 characters, got ""$/],
    ["text=a&text_size=1001", /^text_size must be a whole number from 0 to 1000, got "1001"$/],
    ["text=a&text_font=comic", /^text_font has an unknown value "comic"; expected one of sans, serif, mono$/],
    ["text=a&text_align=justify", /^text_align has an unknown value "justify"/],
    ["text=a&text_color=red", /^text_color must be a hex colour/],
    ["text=a&text_bold=yes", /^text_bold must be true or false/],
    ["text=a&text_opacity=-0.1", /^text_opacity must be a decimal number from 0 to 1/],
    ["text=a&text_wrap=-1", /^text_wrap must be a whole number from 0 to 65535, got "-1"$/],
    ["text=a&text=b", /^text is given more than once$/],
    ["text_size=20", /need text$/],
    // Tone and colour.
    ["normalise=1", /^unknown parameter "normalise"; did you mean "normalize"\?/],
    ["invert=1", /did you mean "negate"\?/],
    ["contrast=2", /did you mean "linear"\?/],
    ["saturation=-1", /^saturation must be a decimal number from 0 to 100, got "-1"$/],
    ["brightness=1e2", /^brightness must be a decimal number from 0 to 100, got "1e2"$/],
    ["hue=361", /^hue must be a whole number from -360 to 360, got "361"$/],
    ["hue=1.5", /got "1.5"/],
    ["linear=abc", /^linear must be a decimal number from -1000 to 1000, got "abc"$/],
    ["linear=1,2", /^linear must be a decimal number/],
    ["tint=red", /^tint must be a hex colour/],
    ["threshold=256", /^threshold must be a whole number from 0 to 255, got "256"$/],
    ["median=16", /^median must be a whole number from 0 to 15, got "16"$/],
    ["pixelate=1", /^pixelate must be a whole number from 2 to 1000, got "1"$/],
    ["gamma=3.5", /^gamma must be a decimal number from 0 to 3, got "3.5"$/],
    ["clahe_width=0&clahe_height=8", /^clahe_width must be a whole number from 1 to 65535, got "0"$/],
    ["clahe_slope=3", /^clahe_slope need clahe_width, clahe_height or both$/],
    ["negate_alpha=1", /^negate_alpha needs negate$/],
    ["normalize_lower=5", /^normalize_lower needs normalize$/],
    ["normalize=yes", /^normalize must be true or false/],
    ["threshold_color=1", /^threshold_color need threshold$/],
    // The device pixel ratio.
    ["density=2", /did you mean "dpr"\?/],
    ["dpr=5&w=10", /^dpr must be a decimal number from 1 to 4, got "5"$/],
    ["dpr=0.5&w=10", /^dpr must be a decimal number from 1 to 4, got "0.5"$/],
    ["dpr=2x&w=10", /got "2x"/],
    ["dpr=2&w=40000", /^w 40000 at dpr 2 is 80000, over its limit of 65535$/],
    // The output byte budget.
    ["max_bytes=0", /^max_bytes must be a whole number from 1 to 4294967295, got "0"$/],
    ["max_bytes=-1", /^max_bytes must be a whole number from 1 to 4294967295, got "-1"$/],
    ["max_bytes=4294967296", /got "4294967296"$/],
    ["max_bytes=1e5", /got "1e5"$/],
    ["max_bytes=30kb", /got "30kb"$/],
    ["mb=30000", /did you mean "max_bytes"\?/],
  ];

  it("refuses each mistake with a 400 naming it, before the body is sent upstream", async () => {
    const before = upstreamCalls();
    for (const [query, detail] of cases) {
      const response = await exchange({ target: `/v1/transform?${query}`, headers: { ...bearer, "content-type": "image/jpeg" }, body: small });
      assertProblem(response, 400, detail, query);
    }
    assert.equal(upstreamCalls(), before, "no call reached the image service");
  });

  it("reads the same grammar on jobs, and refuses queries on routes that take none", async () => {
    const jobCases: [Exchange, RegExp][] = [
      [{ target: "/v1/jobs?width=5", headers: { ...bearer, "content-type": "image/jpeg" }, body: small }, /did you mean "w"/],
      [{ target: "/v1/info?w=5", headers: { ...bearer, "content-type": "image/jpeg" }, body: small }, /^unknown parameter "w"/],
      [{ target: "/v1/info?placeholders=yes", headers: { ...bearer, "content-type": "image/jpeg" }, body: small }, /^placeholders must be true or false/],
      [{ target: "/v1/info?blurhash=1", headers: { ...bearer, "content-type": "image/jpeg" }, body: small }, /did you mean "placeholders"\?/],
      [{ target: "/v1/info?placeholders=1&placeholders=0", headers: { ...bearer, "content-type": "image/jpeg" }, body: small }, /placeholders/],
      [{ target: "/v1/info?placeholders=%31%00", headers: { ...bearer, "content-type": "image/jpeg" }, body: small }, /^placeholders must be true or false/],
      [{ method: "GET", target: "/healthz?verbose=1" }, /^unknown parameter "verbose": this route takes no query parameters$/],
      [{ method: "GET", target: "/openapi.json?x" }, /this route takes no query parameters/],
    ];
    for (const [request, detail] of jobCases) assertProblem(await exchange(request), 400, detail, request.target);
  });

  it("takes percent-encoded values and names as their decoded selves", async () => {
    const response = await exchange({ target: "/v1/transform?%77=%31%30&format=png", headers: { ...bearer, "content-type": "image/jpeg" }, body: small });
    assert.equal(response?.status, 200);
    assert.equal(response.headers["x-image-width"], "10");
  });
});

describe("multipart options are checked as deeply as the image service checks messages", () => {
  const cases: [options: string, detail: RegExp][] = [
    ["not json", /^the options part is not JSON/],
    ["[]", /^the options part must be a JSON object$/],
    ["null", /^the options part must be a JSON object$/],
    ['"x"', /^the options part must be a JSON object$/],
    ["{}", /./],
    ['{"operation":[]}', /^options has unknown fields "operation"/],
    ['{"variants":[null]}', /^options\.variants\[0\]: expected an object, got null$/],
    ['{"variants":[1]}', /^options\.variants\[0\]: expected an object/],
    ['{"variants":{}}', /^options\.variants: expected an array/],
    ['{"variants":[{"name":"a","operations":[null]}]}', /^options\.variants\[0\]\.operations\[0\]: expected an object, got null$/],
    ['{"operations":[null]}', /^options\.operations\[0\]: expected an object, got null$/],
    ['{"operations":[[]]}', /^options\.operations\[0\]: expected an object/],
    ['{"operations":{}}', /^options\.operations: expected an array/],
    ['{"operations":"resize"}', /^options\.operations: expected an array/],
    [
      '{"operations":[{"resize":{"width":10,"fit":"FIT_BOGUS"}}]}',
      /^options\.operations\[0\]\.resize\.fit: unknown value "FIT_BOGUS"; expected one of FIT_UNSPECIFIED, FIT_COVER/,
    ],
    ['{"output":{"format":"FORMAT_BOGUS"}}', /^options\.output\.format: unknown value "FORMAT_BOGUS"; expected one of FORMAT_UNSPECIFIED, FORMAT_JPEG/],
    ['{"output":{"format":99}}', /^options\.output\.format: /],
    ['{"operations":[{"resize":{"widht":10}}]}', /^options\.operations\[0\]\.resize: unknown field "widht".*did you mean "width"/],
    ['{"operations":[{"resise":{"width":10}}]}', /^options\.operations\[0\]: unknown field "resise"/],
    ['{"operations":[{"resize":{"width":4294967297}}]}', /^options\.operations\[0\]\.resize\.width: /],
    ['{"operations":[{"resize":{"width":-1}}]}', /^options\.operations\[0\]\.resize\.width: /],
    ['{"operations":[{"resize":{"width":1.5}}]}', /^options\.operations\[0\]\.resize\.width: /],
    ['{"operations":[{"resize":{"width":"0x10"}}]}', /^options\.operations\[0\]\.resize\.width: /],
    ['{"operations":[{"resize":{"width":true}}]}', /^options\.operations\[0\]\.resize\.width: /],
    ['{"operations":[{"resize":{"width":10},"blur":{"sigma":1}}]}', /^options\.operations\[0\]: /],
    ['{"operations":[{"rotate":{"angle":"Infinity"}}]}', /^options\.operations\[0\]\.rotate\.angle: /],
    ['{"operations":[{"rotate":{"angle":"NaN"}}]}', /^options\.operations\[0\]\.rotate\.angle: /],
    ['{"operations":[{"flip":true}]}', /^options\.operations\[0\]\.flip: expected an object/],
    ['{"operations":[{"resize":{"without_enlargement":"yes","width":10}}]}', /^options\.operations\[0\]\.resize\.without_enlargement: /],
    ['{"output":{"quality":"80"}}', /./],
    ['{"input":{"page":-1}}', /^options\.input\.page: /],
    ['{"input":[]}', /^options\.input: expected an object/],
    ['{"input":{"animated":"yes"}}', /^options\.input\.animated: /],
    ['{"output":{"loop":-1}}', /^options\.output\.loop: /],
    ['{"output":{"loop":"forever"}}', /^options\.output\.loop: /],
    ['{"output":{"delaysMs":10}}', /^options\.output\.delays_ms: expected an array/],
    ['{"output":{"delaysMs":[10,"x"]}}', /^options\.output\.delays_ms\[1\]: /],
    ['{"output":{"dither":"lots"}}', /^options\.output\.dither: /],
    ['{"operations":[{"roundCorners":{"radius":-1}}]}', /^options\.operations\[0\]\.round_corners\.radius: /],
    ['{"operations":[{"round_corners":{"circle":1}}]}', /^options\.operations\[0\]\.round_corners\.circle: /],
    ['{"operations":[{"roundCorners":{"radious":5}}]}', /^options\.operations\[0\]\.round_corners: unknown field "radious".*did you mean "radius"/],
    ['{"operations":[{"composite":{"image":"!!not base64!!"}}]}', /^options\.operations\[0\]\.composite\.image: /],
    ['{"operations":[{"composite":{"image":"AAAA","url":"http://x/a.png"}}]}', /^options\.operations\[0\]\.composite/],
    ['{"operations":[{"composite":{"opacity":"half"}}]}', /^options\.operations\[0\]\.composite\.opacity: /],
    ['{"operations":[{"composite":{"gravity":"POSITION_NOWHERE"}}]}', /^options\.operations\[0\]\.composite\.gravity: /],
    ['{"operations":[{"composite":{"blend":99}}]}', /^options\.operations\[0\]\.composite\.blend: /],
    ['{"operations":[{"text":{"text":5}}]}', /^options\.operations\[0\]\.text\.text: /],
    ['{"operations":[{"text":{"txt":"a"}}]}', /^options\.operations\[0\]\.text: unknown field "txt".*did you mean "text"/],
    ['{"operations":[{"text":{"text":"a","offsetX":2147483648}}]}', /^options\.operations\[0\]\.text\.offset_x: /],
    ['{"operations":[{"text":{"text":"a","font":"FONT_COMIC"}}]}', /^options\.operations\[0\]\.text\.font: /],
    ['{"operations":[{"linear":{"a":"2"}}]}', /^options\.operations\[0\]\.linear\.a: expected an array/],
    ['{"operations":[{"linear":{"a":[1,"x"]}}]}', /^options\.operations\[0\]\.linear\.a\[1\]: /],
    ['{"operations":[{"convolve":{"kernel":[1,null]}}]}', /^options\.operations\[0\]\.convolve\.kernel\[1\]: /],
    ['{"operations":[{"modulate":{"hue":1.5}}]}', /^options\.operations\[0\]\.modulate\.hue: /],
    ['{"operations":[{"negate":{"alpha":"yes"}}]}', /^options\.operations\[0\]\.negate\.alpha: /],
    ['{"operations":[{"threshold":{"treshold":5}}]}', /^options\.operations\[0\]\.threshold: unknown field "treshold".*did you mean "threshold"/],
    ['{"variants":[],"operations":[]}', /./],
    ['{"variants":[{"name":"a"}],"output":{}}', /^options has variants and preset\/operations\/output/],
    [`{"operations":${"[".repeat(2000)}${"]".repeat(2000)}}`, /^options\.operations/],
    [`${'{"input":'.repeat(100)}{}${"}".repeat(100)}`, /^options\.input/],
  ];

  it("refuses each misshapen options part with a 400 naming its JSON path, and calls nothing upstream", async () => {
    for (const [options, detail] of cases) {
      const { body, type } = withOptions(options);
      const before = upstreamCalls();
      const response = await exchange({ target: "/v1/transform", headers: { ...bearer, "content-type": type }, body });
      // "{}", a quoted quality and an empty variants list are valid JSON forms: the image service
      // does the work (or refuses it), so only the others must stay away from it.
      if (/^\{\}$|"quality":"80"|"variants":\[\],/.test(options)) {
        assert.ok(response && response.status < 500, `${options}: ${response?.status}`);
        continue;
      }
      assertProblem(response, 400, detail, options.slice(0, 80));
      assert.equal(upstreamCalls(), before, `${options.slice(0, 80)} reached the image service`);
    }
  });

  it("refuses misshapen uploads, and describes a multipart image on /v1/info", async () => {
    const uploads: [name: string, request: { body: Buffer; type: string }, target: string, detail: RegExp][] = [
      ["no image part", multipart([{ name: "options", content: "{}" }]), "/v1/transform", /no "image" file part/],
      ["an empty image", multipart([{ ...image, content: "" }]), "/v1/transform", /no "image" file part/],
      ["an unknown part", multipart([image, { name: "extra", content: "x" }]), "/v1/transform", /unexpected multipart part "extra"/],
      ["two images", multipart([image, image]), "/v1/transform", /./],
      ["image as a field", multipart([{ name: "image", content: "abc" }]), "/v1/transform", /unexpected multipart part "image"/],
      ["options as a file", multipart([image, { name: "options", filename: "o.json", content: "{}" }]), "/v1/transform", /files limit/],
      ["options on info", multipart([image, { name: "options", content: "{}" }]), "/v1/info", /this route takes no options part/],
      ["a corrupt image", multipart([{ ...image, content: fixture("corrupt-header.jpg") }]), "/v1/info", /^cannot read image/],
      ["no closing boundary", { body: multipart([image]).body.subarray(0, -20), type: "multipart/form-data; boundary=hostileboundary" }, "/v1/transform", /./],
      ["the wrong boundary", { body: multipart([image], "other").body, type: "multipart/form-data; boundary=hostileboundary" }, "/v1/transform", /./],
      ["no boundary", { body: multipart([image]).body, type: "multipart/form-data" }, "/v1/transform", /./],
    ];
    for (const [name, { body, type }, target, detail] of uploads) {
      const response = await exchange({ target, headers: { ...bearer, "content-type": type }, body });
      assert.ok(response && response.status >= 400 && response.status < 500, `${name}: ${response?.status} ${response?.body.toString()}`);
      assertProblem(response, response.status, detail, name);
    }
    const { body, type } = multipart([image]);
    const described = await exchange({ target: "/v1/info", headers: { ...bearer, "content-type": type }, body });
    assert.equal(described?.status, 200, described?.body.toString());
    const info = JSON.parse(described.body.toString()) as { info: { width: number; height: number; format: string } };
    assert.deepEqual([info.info.format, info.info.width, info.info.height], ["FORMAT_JPEG", 320, 240]);
  });
});

describe("bodies and headers", () => {
  it("refuses wrong media types, empty and oversized bodies, and lying lengths", async () => {
    const cases: [name: string, request: Exchange, status: number, detail: RegExp][] = [
      ["no content type", { target: "/v1/transform", headers: bearer, body: small }, 415, /Unsupported Media Type/],
      ["JSON", { target: "/v1/transform", headers: { ...bearer, "content-type": "application/json" }, body: "{}" }, 415, /./],
      ["text", { target: "/v1/info", headers: { ...bearer, "content-type": "text/plain" }, body: "x" }, 415, /./],
      ["form-urlencoded", { target: "/v1/transform", headers: { ...bearer, "content-type": "application/x-www-form-urlencoded" }, body: "w=1" }, 415, /./],
      [
        "a made-up image type",
        { target: "/v1/info", headers: { ...bearer, "content-type": "image/x-made-up" }, body: "not an image" },
        400,
        /^cannot read image/,
      ],
      ["an empty body", { target: "/v1/transform", headers: { ...bearer, "content-type": "image/jpeg" }, body: "" }, 400, /the body must be the image/],
      ["no body at all", { target: "/v1/info", headers: { ...bearer, "content-type": "image/jpeg" } }, 400, /the body must be the image/],
      // Announced, so the gateway answers before the body is sent: a server that answers mid-body and
      // closes makes the client's kernel reset the connection, losing the answer (gateway.test.ts streams one).
      [
        "an announced body over the limit",
        { target: "/v1/info", headers: { ...bearer, "content-type": "image/jpeg", "content-length": 1e9 }, body: "x" },
        413,
        /./,
      ],
      [
        "an announced multipart body over the limit",
        { target: "/v1/transform", headers: { ...bearer, "content-type": multipart([image]).type, "content-length": 3e6 }, body: "x" },
        413,
        /./,
      ],
      [
        "two content lengths",
        { target: "/v1/info", headers: { ...bearer, "content-type": "image/jpeg", "content-length": "5, 6" }, body: "x" },
        400,
        /not valid HTTP/,
      ],
      ["a negative content length", { target: "/v1/info", headers: { ...bearer, "content-type": "image/jpeg", "content-length": -1 } }, 400, /not valid HTTP/],
      [
        "chunked and a length",
        { target: "/v1/info", headers: { ...bearer, "content-type": "image/jpeg", "transfer-encoding": "chunked", "content-length": 5 }, body: "0\r\n\r\n" },
        400,
        /not valid HTTP/,
      ],
      [
        "a bad chunk",
        { target: "/v1/info", headers: { ...bearer, "content-type": "image/jpeg", "transfer-encoding": "chunked" }, body: "zz\r\nabc\r\n0\r\n\r\n" },
        400,
        /not valid HTTP/,
      ],
      ["headers over the size limit", { target: "/v1/info", headers: { ...bearer, "x-junk": "j".repeat(20_000) }, body: "" }, 431, /headers are larger/],
      ["a header with a NUL", { target: "/v1/info", headers: { ...bearer, "x-junk": "a\u0000b" }, body: "" }, 400, /not valid HTTP/],
    ];
    for (const [name, request, status, detail] of cases) assertProblem(await exchange(request), status, detail, name);
  });

  it("answers a request line that is not HTTP with 400", async () => {
    for (const garbage of ["GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\nhost: x\r\n\r\n", "\u0000\u0001\u0002\r\n\r\n", "GET / HTTP/1.1\nhost: x\n\n\n"]) {
      assertProblem(await rawExchange({ address: address(), send: garbage }), 400, /not valid HTTP/, JSON.stringify(garbage));
    }
    // Node reads a bare request line as HTTP/0.9-like and routes it; no route answers it.
    assertProblem(await rawExchange({ address: address(), send: "GET /v1/info\r\n\r\n" }), 404, /no route GET/, "a bare request line");
  });

  it("closes a connection whose headers stall with 408, and one whose body stalls", async () => {
    const stalledHeaders = await rawExchange({ address: address(), send: "POST /v1/info HTTP/1.1\r\nhost: x\r\n" });
    assertProblem(stalledHeaders, 408, /GATEWAY_HEADERS_TIMEOUT_MS/, "stalled headers");
    assert.ok(stalledHeaders!.closedAfterMs < 4000, `closed after ${Math.round(stalledHeaders!.closedAfterMs)} ms`);

    for (const contentType of ["image/jpeg", multipart([image]).type]) {
      const stalledBody = await rawExchange({
        address: address(),
        send: head("POST", "/v1/transform", { ...bearer, "content-type": contentType, "content-length": small.byteLength }) + "partial",
      });
      assert.equal(stalledBody, undefined, `${contentType}: closed without an answer`);
    }
    const started = performance.now();
    await rawExchange({ address: address(), send: head("POST", "/v1/info", { ...bearer, "content-type": "image/jpeg", "content-length": 100 }) + "x" });
    assert.ok(performance.now() - started < 4000, `a stalled body held its connection ${Math.round(performance.now() - started)} ms`);
  });

  it("lets a slow but steady upload through, longer in all than the idle timeout", async () => {
    const pieces = Array.from({ length: Math.ceil(small.byteLength / 8192) }, (_, index) => ({
      afterMs: index === 0 ? 0 : 150,
      bytes: small.subarray(index * 8192, (index + 1) * 8192),
    }));
    const started = performance.now();
    const response = await rawExchange({
      address: address(),
      send: [
        { afterMs: 0, bytes: head("POST", "/v1/transform?w=40&format=png", { ...bearer, "content-type": "image/jpeg", "content-length": small.byteLength }) },
        ...pieces,
      ],
    });
    assert.ok(performance.now() - started > 1000, "the upload took longer than GATEWAY_BODY_IDLE_TIMEOUT_MS");
    assert.equal(response?.status, 200, response?.body.toString());
    assert.equal(response.headers["x-image-width"], "40");
  });
});

describe("uploads still arriving share one budget", () => {
  it("answers 503 with Retry-After once stalled uploads hold GATEWAY_RECEIVE_BUDGET_BYTES, and takes uploads again when they are cut off", async () => {
    const budget = await startGateway(stack.images.address, {
      GATEWAY_API_KEYS: key,
      GATEWAY_MAX_BODY_BYTES: String(small.byteLength),
      GATEWAY_RECEIVE_BUDGET_BYTES: String(3 * small.byteLength),
      GATEWAY_BODY_IDLE_TIMEOUT_MS: "1500",
    });
    try {
      const at = budget.url.replace(/^http:\/\//, "");
      const upload = head("POST", "/v1/info", { ...bearer, "content-type": "image/jpeg", "content-length": small.byteLength });
      // Three uploads that send half their body and stop: the whole budget.
      const stalled = Array.from({ length: 3 }, () => rawExchange({ address: at, send: upload + small.subarray(0, small.byteLength / 2).toString("latin1") }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const refused = await rawExchange({ address: at, send: Buffer.concat([Buffer.from(upload, "latin1"), small]) });
      assertProblem(
        refused,
        503,
        /^uploads in progress already hold \d+ of this gateway's \d+ bytes \(GATEWAY_RECEIVE_BUDGET_BYTES\); retry shortly$/,
        "an upload past the budget",
      );
      assert.equal(refused!.headers["retry-after"], "1");
      // Requests without a body are not uploads.
      assert.equal((await fetch(`${budget.url}/healthz`)).status, 200);
      assert.deepEqual(await Promise.all(stalled), [undefined, undefined, undefined], "the stalled uploads were cut off");
      const accepted = await rawExchange({ address: at, send: Buffer.concat([Buffer.from(upload, "latin1"), small]) });
      assert.equal(accepted?.status, 200, accepted?.body.toString());
      assert.equal((JSON.parse(accepted.body.toString()) as { info: { width: number } }).info.width, 320);
    } finally {
      await budget.stop();
    }
  });
});

describe("after the attack", () => {
  it("both services still serve, and the gateway's memory stayed bounded", async () => {
    const response = await exchange({ target: "/v1/transform?w=32&format=png", headers: { ...bearer, "content-type": "image/jpeg" }, body: small });
    assert.equal(response?.status, 200);
    assert.equal(response.headers["x-image-width"], "32");
    assert.equal((await fetch(`${stack.gateway.url}/readyz`)).status, 200);
    const rssKiB = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    assert.ok(rssKiB(stack.gateway.process.pid!) < 400 * 1024, `gateway RSS ${rssKiB(stack.gateway.process.pid!)} KiB`);
    assert.ok(rssKiB(stack.images.process.pid!) < 800 * 1024, `image service RSS ${rssKiB(stack.images.process.pid!)} KiB`);
    assert.ok(
      !stack.gateway.logs.some((entry) => entry.level === "error"),
      JSON.stringify(stack.gateway.logs.filter((entry) => entry.level === "error")).slice(0, 500),
    );
  });
});
