/**
 * Inline SVG charts for the report page: plain shapes and text, no script, so the page works as a
 * single static file and prints as it shows. Every chart carries a title for screen readers. The
 * shapes are laid out in chart-shapes.ts, which the PDF draws too.
 */
import { type Bar, type ChartShapes, type TrendSeries, barChartShapes, columnChartShapes } from './chart-shapes.ts';

/** Escapes text for HTML and SVG. */
export function esc(s: string | number): string {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const num = (v: number) => String(Math.round(v * 10) / 10);
const ANCHOR = { start: '', middle: ' text-anchor="middle"', end: ' text-anchor="end"' } as const;

/** The SVG of a chart's shapes. */
export function svgChart(c: ChartShapes): string {
  const lines = c.lines.map(
    (l) => `<line x1="${num(l.x1)}" x2="${num(l.x2)}" y1="${num(l.y1)}" y2="${num(l.y2)}" stroke="${l.color}"/>`,
  );
  const rects = c.rects.map(
    (r) =>
      `<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.w)}" height="${num(r.h)}" fill="${r.color}">${r.title ? `<title>${esc(r.title)}</title>` : ''}</rect>`,
  );
  const texts = c.texts.map(
    (t) =>
      `<text x="${num(t.x)}" y="${num(t.y)}"${ANCHOR[t.anchor]}${t.size === 12 ? '' : ` font-size="${t.size}"`}>${esc(t.text)}</text>`,
  );
  return `<svg role="img" aria-label="${esc(c.title)}" viewBox="0 0 ${c.width} ${c.height}" width="100%" style="max-width:${c.width}px" font-size="12" font-family="system-ui, sans-serif"><title>${esc(c.title)}</title>${lines.join('')}${rects.join('')}${texts.join('')}</svg>`;
}

/** Horizontal bars, one per row, scaled to the largest value. */
export function barChart(title: string, bars: readonly Bar[], width = 560): string {
  return svgChart(barChartShapes(title, bars, width));
}

/** Grouped columns per period (e.g. received and disclosed per half-year). */
export function columnChart(title: string, periods: readonly string[], series: readonly TrendSeries[]): string {
  return svgChart(columnChartShapes(title, periods, series));
}
