/** A service's processes as /proc shows them: what tests and the bench read CPU and memory from. */
import { readdirSync, readFileSync } from "node:fs";

/**
 * `pid` and every process below it (the image service's task processes,
 * where its transforms run), from the children lists of /proc.
 */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let index = 0; index < tree.length; index++) {
    try {
      for (const thread of readdirSync(`/proc/${tree[index]}/task`)) {
        const children = readFileSync(`/proc/${tree[index]}/task/${thread}/children`, "utf8").trim();
        if (children !== "") tree.push(...children.split(" ").map(Number));
      }
    } catch {
      // Gone since its parent listed it.
    }
  }
  return tree;
}
