/**
 * The report's charts as shapes (bars, lines, text at a baseline), laid out once: the HTML page
 * draws them as inline SVG (svg-charts.ts) and the PDF as vector paths (pdf-report.ts), so both
 * publications show the same charts.
 */

export interface Bar {
  label: string;
  value: number;
  /** Text shown after the bar; the value when absent. */
  note?: string;
}

export interface TrendSeries {
  label: string;
  color: string;
  values: readonly number[];
}

export interface ChartRect {
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
  /** What the bar stands for (a tooltip in SVG). */
  title?: string;
}

export interface ChartText {
  x: number;
  /** The baseline. */
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  size: number;
}

export interface ChartLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
}

/** A chart in its own coordinates (origin top left), with the title that describes it. */
export interface ChartShapes {
  title: string;
  width: number;
  height: number;
  rects: ChartRect[];
  texts: ChartText[];
  lines: ChartLine[];
}

export const PALETTE = ['#1f5f99', '#c0504d', '#4f8f3a', '#8064a2', '#e08a1e', '#2a9d8f', '#7f7f7f'];

const count = (v: number) => v.toLocaleString('en-US');

/** Horizontal bars, one per row, scaled to the largest value. */
export function barChartShapes(title: string, bars: readonly Bar[], width = 560): ChartShapes {
  const row = 24;
  const labelW = 190;
  const noteW = 80;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const out: ChartShapes = {
    title,
    width,
    height: Math.max(row, bars.length * row) + 8,
    rects: [],
    texts: [],
    lines: [],
  };
  bars.forEach((b, i) => {
    const y = i * row + 4;
    const w = Math.round(((width - labelW - noteW) * b.value) / max);
    out.texts.push({ x: labelW - 8, y: y + 15, text: b.label, anchor: 'end', size: 12 });
    out.rects.push({ x: labelW, y: y + 3, w, h: 16, color: PALETTE[i % PALETTE.length]! });
    out.texts.push({ x: labelW + w + 6, y: y + 15, text: b.note ?? count(b.value), anchor: 'start', size: 12 });
  });
  return out;
}

/** Grouped columns per period (e.g. received and disclosed per half-year), with a legend. */
export function columnChartShapes(
  title: string,
  periods: readonly string[],
  series: readonly TrendSeries[],
  width = 560,
  height = 220,
): ChartShapes {
  const top = 24;
  const bottom = 28;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const groupW = width / Math.max(1, periods.length);
  const colW = Math.min(28, (groupW - 12) / Math.max(1, series.length));
  const out: ChartShapes = { title, width, height, rects: [], texts: [], lines: [] };
  series.forEach((s, j) => {
    out.rects.push({ x: j * 130, y: 2, w: 12, h: 12, color: s.color });
    out.texts.push({ x: j * 130 + 16, y: 12, text: s.label, anchor: 'start', size: 12 });
  });
  out.lines.push({ x1: 0, x2: width, y1: top + plotH, y2: top + plotH, color: '#999999' });
  periods.forEach((p, i) => {
    const x0 = i * groupW + (groupW - colW * series.length) / 2;
    series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      const h = Math.round((plotH * v) / max);
      const x = x0 + j * colW;
      out.rects.push({ x, y: top + plotH - h, w: colW - 2, h, color: s.color, title: `${s.label}, ${p}: ${v}` });
      out.texts.push({ x: x + colW / 2 - 1, y: top + plotH - h - 3, text: String(v), anchor: 'middle', size: 10 });
    });
    out.texts.push({ x: i * groupW + groupW / 2, y: height - 10, text: p, anchor: 'middle', size: 12 });
  });
  return out;
}
