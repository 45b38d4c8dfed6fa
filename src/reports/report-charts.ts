/** The charts of a report, as shapes: the HTML page and the PDF draw the same ones. */
import { DISPOSITIONS, DISPOSITION_LABELS } from '../domain/vocabulary.ts';
import { type ChartShapes, barChartShapes, columnChartShapes } from './chart-shapes.ts';
import type { TransparencyReport } from './report-document.ts';

const n = (v: number) => v.toLocaleString('en-US');

export interface ReportCharts {
  trend: ChartShapes;
  outcomes: ChartShapes;
  countries: ChartShapes;
  enterprise: ChartShapes;
}

/** The trend, outcomes, top-countries and enterprise charts of a report. */
export function reportCharts(r: TransparencyReport): ReportCharts {
  const t = r.totals;
  const e = r.enterprise;
  return {
    trend: columnChartShapes(
      'Requests received and requests with data disclosed, per half-year',
      r.trend.map((p) => p.period),
      [
        { label: 'Received', color: '#1f5f99', values: r.trend.map((p) => p.received) },
        { label: 'Data disclosed', color: '#c0504d', values: r.trend.map((p) => p.disclosed) },
      ],
    ),
    outcomes: barChartShapes(
      `Outcomes of the ${n(t.closed)} closed requests`,
      DISPOSITIONS.map((d) => ({
        label: DISPOSITION_LABELS[d],
        value: t.dispositions[d].count,
        note: `${n(t.dispositions[d].count)} (${t.dispositions[d].percent.toFixed(1)} %)`,
      })),
      460,
    ),
    countries: barChartShapes(
      'Requests received by requesting country',
      r.byCountry
        .filter((c) => c.received > 0)
        .slice(0, 10)
        .map((c) => ({ label: c.countryName, value: c.received })),
      460,
    ),
    enterprise: barChartShapes('Requests about enterprise customers', [
      { label: 'About enterprise customers', value: e.demands },
      { label: 'Redirected to customer', value: e.redirected },
      { label: 'Content disclosed', value: e.contentDisclosed },
      { label: 'Customer told at once', value: e.notice.atOnce },
      { label: 'Notice delayed', value: e.notice.delayed },
      { label: 'Never told', value: e.notice.never },
    ]),
  };
}
