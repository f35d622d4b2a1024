import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";

import { fixture, startFixtureOrigin, startStack, type FixtureOrigin, type Stack } from "@pixelrpc/harness";

import { allExamples, withOrigin } from "../src/examples.js";

let origin: FixtureOrigin;
let stack: Stack;

before(async () => {
  origin = await startFixtureOrigin();
  stack = await startStack(origin.env);
});

after(async () => {
  await stack?.stop();
  await origin?.close();
});

/** The committed picture is `image`, byte for byte. */
function assertPicture(name: string, image: Uint8Array): void {
  const picture = readFileSync(new URL(`../pictures/${name}`, import.meta.url));
  assert.ok(picture.equals(image), `docs/pictures/${name} is stale: run npm run pictures -w @pixelrpc/docs`);
}

describe("the operations reference's examples", () => {
  for (const [shows, shown] of allExamples()) {
    it(`${shows}: ${shown.title}: the gRPC request (and the gateway query, where there is one) make the image in docs/pictures/`, async () => {
      const example = withOrigin(shown, origin.url);
      const { image } = await stack.images.client.transform({ image: fixture(example.source), ...example.request });
      if (example.query === undefined) return assertPicture(example.picture, image);
      const response = await fetch(`${stack.gateway.url}/v1/transform?${example.query}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: fixture(example.source),
      });
      assert.equal(response.status, 200, await response.clone().text());
      assert.ok(Buffer.from(await response.arrayBuffer()).equals(image), "the query makes what the request makes");
      assertPicture(example.picture, image);
    });
  }
});
