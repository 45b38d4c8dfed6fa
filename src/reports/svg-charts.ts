/**
 * Inline SVG charts for the report page: plain shapes and text, no script, so the page works as a
 * single static file and prints as it shows. Every chart carries a title for screen readers.
 */

/** Escapes text for HTML and SVG. */
export function esc(s: string | number): string {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export interface Bar {
  label: string;
  value: number;
  /** Text shown after the bar; the value when absent. */
  note?: string;
}

const PALETTE = ['#1f5f99', '#c0504d', '#4f8f3a', '#8064a2', '#e08a1e', '#2a9d8f', '#7f7f7f'];

/** Horizontal bars, one per row, scaled to the largest value. */
export function barChart(title: string, bars: readonly Bar[], width = 560): string {
  const row = 24;
  const labelW = 190;
  const noteW = 80;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(row, bars.length * row) + 8;
  const body = bars
    .map((b, i) => {
      const y = i * row + 4;
      const w = Math.round(((width - labelW - noteW) * b.value) / max);
      return (
        `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(b.label)}</text>` +
        `<rect x="${labelW}" y="${y + 3}" width="${w}" height="16" fill="${PALETTE[i % PALETTE.length]}"/>` +
        `<text x="${labelW + w + 6}" y="${y + 15}">${esc(b.note ?? b.value.toLocaleString('en-US'))}</text>`
      );
    })
    .join('');
  return `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" font-size="12" font-family="system-ui, sans-serif"><title>${esc(title)}</title>${body}</svg>`;
}

export interface TrendSeries {
  label: string;
  color: string;
  values: readonly number[];
}

/** Grouped columns per period (e.g. received and disclosed per half-year). */
export function columnChart(
  title: string,
  periods: readonly string[],
  series: readonly TrendSeries[],
  width = 560,
  height = 220,
): string {
  const top = 24;
  const bottom = 28;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const groupW = width / Math.max(1, periods.length);
  const colW = Math.min(28, (groupW - 12) / Math.max(1, series.length));
  const cols = periods
    .map((p, i) => {
      const x0 = i * groupW + (groupW - colW * series.length) / 2;
      const bars = series
        .map((s, j) => {
          const v = s.values[i] ?? 0;
          const h = Math.round((plotH * v) / max);
          const x = x0 + j * colW;
          return (
            `<rect x="${x.toFixed(1)}" y="${top + plotH - h}" width="${(colW - 2).toFixed(1)}" height="${h}" fill="${s.color}"><title>${esc(`${s.label}, ${p}: ${v}`)}</title></rect>` +
            `<text x="${(x + colW / 2 - 1).toFixed(1)}" y="${top + plotH - h - 3}" text-anchor="middle" font-size="10">${v}</text>`
          );
        })
        .join('');
      return `${bars}<text x="${(i * groupW + groupW / 2).toFixed(1)}" y="${height - 10}" text-anchor="middle">${esc(p)}</text>`;
    })
    .join('');
  const legend = series
    .map(
      (s, j) =>
        `<rect x="${j * 130}" y="2" width="12" height="12" fill="${s.color}"/><text x="${j * 130 + 16}" y="12">${esc(s.label)}</text>`,
    )
    .join('');
  return `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" font-size="12" font-family="system-ui, sans-serif"><title>${esc(title)}</title>${legend}<line x1="0" x2="${width}" y1="${top + plotH}" y2="${top + plotH}" stroke="#999"/>${cols}</svg>`;
}
