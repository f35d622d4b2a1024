/**
 * SVG charts drawn from the numbers, by hand: a horizontal bar chart (the
 * benchmark) and a line chart (the memory soak). Plain SVG 1.1 with inline
 * attributes, so that GitHub renders it as an image and diffs stay readable.
 */

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

const escape = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const round = (value: number): string => String(Math.round(value * 10) / 10);

function text(x: number, y: number, content: string, attributes = ""): string {
  return `<text x="${round(x)}" y="${round(y)}" ${attributes}>${escape(content)}</text>`;
}

/** A step of 1, 2 or 5 times a power of ten that cuts `max` into about `count` intervals. */
/** A whole SVG file: a white page with a title and a subtitle above `parts`. */
function document(width: number, height: number, title: string, subtitle: string, parts: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(16, 24, title, 'font-size="16" font-weight="700" fill="#111827"'),
    text(16, 44, subtitle, 'font-size="12" fill="#4b5563"'),
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}

export function niceStep(max: number, count = 5): number {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= raw) ?? raw;
}

export interface Bar {
  readonly label: string;
  /** Bar length, in the axis' units. */
  readonly value: number;
  /** Printed at the bar's end. */
  readonly note: string;
  readonly color: string;
}

export interface BarGroup {
  readonly title: string;
  readonly bars: readonly Bar[];
}

export interface BarChartOptions {
  readonly title: string;
  readonly subtitle: string;
  readonly groups: readonly BarGroup[];
  readonly axisLabel: string;
  readonly axisMax: number;
  /** Vertical dashed lines: targets. */
  readonly markers: readonly { readonly value: number; readonly label: string }[];
}

export function barChart({ title, subtitle, groups, axisLabel, axisMax, markers }: BarChartOptions): string {
  const width = 860;
  const left = 190;
  const plotWidth = 470;
  const barHeight = 16;
  const gap = 5;
  const top = 70;
  const x = (value: number): number => left + (Math.min(value, axisMax) / axisMax) * plotWidth;
  const parts: string[] = [];
  let y = top;
  for (const group of groups) {
    parts.push(text(16, y + 12, group.title, 'font-size="13" font-weight="600" fill="#111827"'));
    y += 20;
    for (const bar of group.bars) {
      parts.push(text(left - 8, y + barHeight - 4, bar.label, 'font-size="12" text-anchor="end" fill="#374151"'));
      const length = Math.max(1, x(bar.value) - left);
      parts.push(`<rect x="${left}" y="${round(y)}" width="${round(length)}" height="${barHeight}" fill="${bar.color}" rx="2"/>`);
      parts.push(text(left + length + 6, y + barHeight - 4, bar.note, 'font-size="11" fill="#374151"'));
      y += barHeight + gap;
    }
    y += 12;
  }
  const bottom = y;
  const step = niceStep(axisMax);
  const axis: string[] = [`<line x1="${left}" y1="${top - 6}" x2="${left}" y2="${bottom}" stroke="#9ca3af"/>`];
  for (let tick = 0; tick <= axisMax + 1e-9; tick += step) {
    axis.push(`<line x1="${round(x(tick))}" y1="${bottom}" x2="${round(x(tick))}" y2="${bottom + 4}" stroke="#9ca3af"/>`);
    axis.push(text(x(tick), bottom + 16, `${round(tick)}`, 'font-size="11" text-anchor="middle" fill="#6b7280"'));
  }
  axis.push(text(left + plotWidth / 2, bottom + 34, axisLabel, 'font-size="12" text-anchor="middle" fill="#374151"'));
  markers.forEach((marker, index) => {
    axis.push(
      `<line x1="${round(x(marker.value))}" y1="${top - 6}" x2="${round(x(marker.value))}" y2="${bottom}" stroke="#111827" stroke-dasharray="4 3" stroke-width="1"/>`,
    );
    // Neighbouring targets (88%, 92%) would print over each other: alternate sides of the line.
    const [dx, anchor] = index % 2 === 0 ? [-3, "end"] : [3, "start"];
    axis.push(text(x(marker.value) + dx, top - 10, marker.label, `font-size="11" text-anchor="${anchor}" fill="#111827"`));
  });
  const height = bottom + 48;
  return document(width, height, title, subtitle, [...axis, ...parts]);
}

export interface Series {
  readonly label: string;
  readonly color: string;
  /** [x, y] in the axes' units. */
  readonly points: readonly (readonly [number, number])[];
}

export interface LineChartOptions {
  readonly title: string;
  readonly subtitle: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** Horizontal dashed lines: limits. */
  readonly markers?: readonly { readonly value: number; readonly label: string }[];
}

export function lineChart({ title, subtitle, xLabel, yLabel, series, markers = [] }: LineChartOptions): string {
  const width = 860;
  const height = 440;
  const left = 70;
  const right = 230;
  const top = 64;
  const bottom = 56;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const all = series.flatMap((line) => line.points);
  const xMax = Math.max(1, ...all.map(([px]) => px));
  const yStep = niceStep(Math.max(1, ...all.map(([, py]) => py), ...markers.map((marker) => marker.value)) * 1.05);
  const yMax = yStep * Math.ceil((Math.max(1, ...all.map(([, py]) => py), ...markers.map((marker) => marker.value)) * 1.05) / yStep);
  const xStep = niceStep(xMax, 6);
  const px = (value: number): number => left + (value / xMax) * plotWidth;
  const py = (value: number): number => top + plotHeight - (value / yMax) * plotHeight;
  const parts: string[] = [];
  for (let tick = 0; tick <= yMax + 1e-9; tick += yStep) {
    parts.push(`<line x1="${left}" y1="${round(py(tick))}" x2="${left + plotWidth}" y2="${round(py(tick))}" stroke="#e5e7eb"/>`);
    parts.push(text(left - 8, py(tick) + 4, `${round(tick)}`, 'font-size="11" text-anchor="end" fill="#6b7280"'));
  }
  for (let tick = 0; tick <= xMax + 1e-9; tick += xStep) {
    parts.push(`<line x1="${round(px(tick))}" y1="${top + plotHeight}" x2="${round(px(tick))}" y2="${top + plotHeight + 4}" stroke="#9ca3af"/>`);
    parts.push(text(px(tick), top + plotHeight + 18, `${round(tick)}`, 'font-size="11" text-anchor="middle" fill="#6b7280"'));
  }
  parts.push(`<rect x="${left}" y="${top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#9ca3af"/>`);
  parts.push(text(left + plotWidth / 2, height - 14, xLabel, 'font-size="12" text-anchor="middle" fill="#374151"'));
  parts.push(
    text(18, top + plotHeight / 2, yLabel, `font-size="12" text-anchor="middle" fill="#374151" transform="rotate(-90 18 ${round(top + plotHeight / 2)})"`),
  );
  for (const marker of markers) {
    parts.push(
      `<line x1="${left}" y1="${round(py(marker.value))}" x2="${left + plotWidth}" y2="${round(py(marker.value))}" stroke="#111827" stroke-dasharray="4 3"/>`,
    );
    parts.push(text(left + 6, py(marker.value) - 5, marker.label, 'font-size="11" fill="#111827"'));
  }
  series.forEach((line, index) => {
    const path = line.points.map(([lx, ly]) => `${round(px(lx))},${round(py(ly))}`).join(" ");
    parts.push(`<polyline points="${path}" fill="none" stroke="${line.color}" stroke-width="2" stroke-linejoin="round"/>`);
    const legendY = top + 8 + index * 22;
    parts.push(`<line x1="${left + plotWidth + 16}" y1="${legendY}" x2="${left + plotWidth + 40}" y2="${legendY}" stroke="${line.color}" stroke-width="3"/>`);
    parts.push(text(left + plotWidth + 46, legendY + 4, line.label, 'font-size="12" fill="#374151"'));
  });
  return document(width, height, title, subtitle, parts);
}
