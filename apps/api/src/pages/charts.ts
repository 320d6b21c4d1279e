import { translator, type Translator } from '@app/i18n';
import { escapeHtml } from '@app/platform';

export interface SeriesPoint {
  date: string;
  parties: number;
}

const DAY = 86400_000;
const time = (date: string) => Date.parse(`${date}T00:00:00Z`);
const round = (n: number) => Math.round(n * 10) / 10;

/** Years as their readers write them, without the thousands separator a number would have ("2002", "٢٠٠٢"). */
const yearFormats = new Map<string, Intl.NumberFormat>();
export function yearOf(year: number, tr: Translator): string {
  let format = yearFormats.get(tr.intlTag);
  if (!format) yearFormats.set(tr.intlTag, (format = new Intl.NumberFormat(tr.intlTag, { useGrouping: false })));
  return format.format(year);
}

/**
 * A step chart of a count over time, as an SVG element; `id` makes its title and description referable. Its
 * numbers, dates and description are in the translator's language (English when none is given); time runs from
 * left to right in every language.
 */
export function renderStepChart(
  series: readonly SeriesPoint[],
  options: { id: string; title: string; tr?: Translator },
): string {
  if (series.length === 0) return '';
  const tr = options.tr ?? translator('en');
  const width = 720;
  const height = 260;
  const left = 44;
  const right = 16;
  const top = 28;
  const bottom = 28;
  // Start the axis at the first change rather than the instrument's adoption: the years before are all zeros.
  const firstChange = series.findIndex((p) => p.parties > 0);
  const shown = series.slice(Math.max(0, firstChange - 1));
  const t0 = time(shown[0].date);
  const t1 = Math.max(time(shown[shown.length - 1].date), t0 + DAY);
  const max = Math.max(...shown.map((p) => p.parties), 1);
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const x = (date: string) => round(left + ((time(date) - t0) / (t1 - t0)) * (width - left - right));
  const y = (n: number) => round(top + (1 - n / yMax) * (height - top - bottom));

  let d = `M${x(shown[0].date)},${y(shown[0].parties)}`;
  for (const p of shown.slice(1)) d += `H${x(p.date)}V${y(p.parties)}`;
  const area = `${d}V${y(0)}H${x(shown[0].date)}Z`;

  const parts: string[] = [
    `<svg class="chart" direction="ltr" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${options.id}-title ${options.id}-desc">`,
    `<title id="${options.id}-title">${escapeHtml(options.title)}</title>`,
    `<desc id="${options.id}-desc">${escapeHtml(describeSeries(shown, tr))}</desc>`,
    '<g aria-hidden="true">',
  ];
  for (let v = 0; v <= yMax; v += step) {
    parts.push(`<line class="grid" x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}"/>`);
    parts.push(`<text class="tick" x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${tr.number(v)}</text>`);
  }
  const firstYear = new Date(t0).getUTCFullYear() + 1;
  const lastYear = new Date(t1).getUTCFullYear();
  const yearStep = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 8));
  for (let year = firstYear; year <= lastYear; year += yearStep) {
    const at = x(`${year}-01-01`);
    parts.push(`<line class="tick-mark" x1="${at}" x2="${at}" y1="${height - bottom}" y2="${height - bottom + 4}"/>`);
    parts.push(`<text class="tick" x="${at}" y="${height - 8}" text-anchor="middle">${yearOf(year, tr)}</text>`);
  }
  const last = shown[shown.length - 1];
  parts.push(
    `<line class="axis" x1="${left}" x2="${width - right}" y1="${y(0)}" y2="${y(0)}"/>`,
    `<path class="series-area" d="${area}"/>`,
    `<path class="series-line" d="${d}"/>`,
    `<circle class="series-end" cx="${x(last.date)}" cy="${y(last.parties)}" r="3.5"/>`,
    `<text class="series-label" x="${x(last.date) - 6}" y="${y(last.parties) - 8}" text-anchor="end">${tr.number(last.parties)}</text>`,
    '</g></svg>',
  );
  return parts.join('');
}

/** The count at the end of each year, for the table that stands in for the chart. */
export function yearEnds(series: readonly SeriesPoint[]): SeriesPoint[] {
  if (series.length === 0) return [];
  const out: SeriesPoint[] = [];
  const first = Number(series.find((p) => p.parties > 0)?.date.slice(0, 4) ?? series[0].date.slice(0, 4));
  const last = Number(series[series.length - 1].date.slice(0, 4));
  let i = 0;
  let current = 0;
  for (let year = first; year <= last; year++) {
    const end = year === last ? series[series.length - 1].date : `${year}-12-31`;
    while (i < series.length && series[i].date <= end) current = series[i++].parties;
    out.push({ date: end, parties: current });
  }
  return out;
}

function describeSeries(series: readonly SeriesPoint[], tr: Translator): string {
  const first = series.find((p) => p.parties > 0) ?? series[0];
  const last = series[series.length - 1];
  const peak = series.reduce((a, b) => (b.parties > a.parties ? b : a));
  const values = {
    first: tr.number(first.parties),
    firstDate: tr.date(first.date),
    last: tr.number(last.parties),
    lastDate: tr.date(last.date),
    peak: tr.number(peak.parties),
    peakDate: tr.date(peak.date),
  };
  const described =
    peak.parties > last.parties
      ? tr.t('dashboards.chart.descriptionWithPeak', values)
      : tr.t('dashboards.chart.description', values);
  return `${described} ${tr.t('dashboards.chart.tableBelow')}`;
}

function niceStep(max: number): number {
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (raw <= m * magnitude) return m * magnitude;
  return 10 * magnitude;
}

/**
 * A horizontal bar split by the share of each part, as an SVG element. It repeats the numbers of the table it
 * sits in, so it is hidden from assistive technology.
 */
export function renderShareBar(
  parts: readonly { className: string; count: number; label: string }[],
  tr: Translator = translator('en'),
): string {
  const total = parts.reduce((n, p) => n + p.count, 0);
  if (total === 0) return '';
  let at = 0;
  const rects = parts
    .filter((p) => p.count > 0)
    .map((p) => {
      const w = (p.count / total) * 100;
      const rect = `<rect class="${p.className}" x="${round(at)}" y="0" width="${round(w)}" height="10"><title>${escapeHtml(tr.t('dashboards.bar.part', { label: p.label, count: tr.number(p.count) }))}</title></rect>`;
      at += w;
      return rect;
    });
  return `<svg class="share-bar" direction="ltr" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">${rects.join('')}</svg>`;
}
