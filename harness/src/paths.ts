/** Where things are in the checkout; no imports beyond Node's, so that steps which need nothing built can use it. */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout's root. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** The shared real-world images from sharp's test suite (see its README). */
export const fixturesDir = join(repoRoot, "..", "shared", "fixtures");
