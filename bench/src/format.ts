/** Number formats and Markdown bits the reports share. */
import { median } from "./stats.js";

export const MB = 1_000_000;

export const mb = (bytes: number): string => (Number.isFinite(bytes) ? `${Math.round(bytes / MB)} MB` : "–");

/** Milliseconds with precision that suits their size. */
export const ms = (value: number): string => {
  if (!Number.isFinite(value)) return "–";
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
};

export const rate = (perSecond: number): string => {
  if (!Number.isFinite(perSecond)) return "–";
  if (perSecond >= 100) return perSecond.toFixed(0);
  if (perSecond >= 10) return perSecond.toFixed(1);
  return perSecond.toFixed(2);
};

export const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}x` : "–");

export const percent = (value: number): string => (Number.isFinite(value) ? `${(value * 100).toFixed(0)}%` : "–");

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((cell) => cell.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The markers around a section of a generated document that the bench keeps when it regenerates the rest. */
export function sectionMarkers(name: string, origin: string): { start: string; end: string } {
  return { start: `<!-- ${name}: ${origin}, kept when the bench regenerates this file -->`, end: `<!-- /${name} -->` };
}

/**
 * A part of a generated document, between its markers, kept when the
 * document is generated again: findings from profiling are written by
 * people, and `npm run bench -- placeholders` writes its own section; the
 * numbers around them come from the main run.
 */
export function keptSection(previous: string, name: string, fallback: string, origin = "written by hand"): string {
  const { start, end } = sectionMarkers(name, origin);
  const from = previous.indexOf(start);
  const to = previous.indexOf(end);
  const body = from >= 0 && to > from ? previous.slice(from + start.length, to).trim() : fallback;
  return `${start}\n${body}\n${end}`;
}

/** A measurement over rounds as the kept sections quote it: the median, then every round in brackets. */
export function medianAndRounds<Round>(rounds: readonly Round[], field: (round: Round) => number, format: (value: number) => string): string {
  return `${format(median(rounds.map(field)))} (${rounds.map((round) => format(field(round))).join(", ")})`;
}
