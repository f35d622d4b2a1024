/**
 * Makes docs/pictures/ from the examples (examples.ts) with the real image
 * service, as `npm start` starts it: `npm run pictures -w @pixelrpc/docs`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { fixture, startImageService } from "@pixelrpc/harness";

import { allExamples } from "./examples.js";

const directory = fileURLToPath(new URL("../pictures/", import.meta.url));
mkdirSync(directory, { recursive: true });
const service = await startImageService();
try {
  for (const [, example] of allExamples()) {
    const { image } = await service.client.transform({ image: fixture(example.source), ...example.request });
    writeFileSync(`${directory}${example.picture}`, image);
  }
} finally {
  await service.stop();
}
