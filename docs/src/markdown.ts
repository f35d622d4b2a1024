/** The pieces every generated page is made of. */

/** The first line of a generated page: where it comes from, and that hand edits are lost. */
export const generatedNotice = (source: string): string =>
  `<!-- Generated from ${source} by \`npm run generate\`; CI fails when it is stale. Edit the source, not this page. -->\n`;

/** A Markdown table; a cell's pipes are escaped so that it stays one cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), `|${header.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n") + "\n";
}
