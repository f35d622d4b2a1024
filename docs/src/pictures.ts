/**
 * Makes docs/pictures/ from the examples (examples.ts) with the real image
 * service, as `npm start` starts it: `npm run pictures -w @pixelrpc/docs`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { fixture, startFixtureOrigin, startImageService } from "@pixelrpc/harness";

import { allExamples, withOrigin } from "./examples.js";

const directory = fileURLToPath(new URL("../pictures/", import.meta.url));
mkdirSync(directory, { recursive: true });
// The examples' overlays come from an image store: the fixtures, served on loopback.
const origin = await startFixtureOrigin();
const service = await startImageService(origin.env);
try {
  for (const [, shown] of allExamples()) {
    const example = withOrigin(shown, origin.url);
    const { image } = await service.client.transform({ image: fixture(example.source), ...example.request });
    writeFileSync(`${directory}${example.picture}`, image);
  }
} finally {
  await service.stop();
  await origin.close();
}
