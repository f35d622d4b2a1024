/**
 * `buf breaking` against the previous commit, so that no change to the
 * contract can silently break a deployed client. Skipped, with a notice,
 * where there is no previous commit with a proto module (the first commit,
 * or a shallow clone).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const protoDir = fileURLToPath(new URL("..", import.meta.url));

function git(...args: string[]): string | undefined {
  const result = spawnSync("git", args, { cwd: protoDir, encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

const top = git("rev-parse", "--show-toplevel");
const prefix = git("rev-parse", "--show-prefix")?.replace(/\/$/, "");
if (!top || prefix === undefined) {
  console.error("buf breaking: skipped, not in a git checkout");
} else if (git("cat-file", "-e", `HEAD~1:${prefix}/buf.yaml`) === undefined) {
  console.error(`buf breaking: skipped, HEAD~1 has no ${prefix}/buf.yaml to compare with`);
} else {
  execFileSync("buf", ["breaking", "--against", `${top}/.git#ref=HEAD~1,subdir=${prefix}`], {
    cwd: protoDir,
    stdio: "inherit",
  });
  console.error("buf breaking: no breaking change against HEAD~1");
}
