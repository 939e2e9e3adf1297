import { backlog, type SoakSample } from './soak-sampler.js';

/** One panel of the chart: a series over the soak's time axis. */
interface Panel {
  title: string;
  unit: string;
  value: (s: SoakSample) => number;
  color: string;
}

const WIDTH = 760;
const PANEL_HEIGHT = 120;
const MARGIN = { left: 56, right: 16, top: 28, bottom: 26 };

const PANELS: Panel[] = [
  { title: 'Server resident memory', unit: 'MiB', value: (s) => s.rssMb, color: '#2563eb' },
  {
    title: 'Request p99 per 10 s (unanswered requests count with their age)',
    unit: 'ms',
    value: (s) => s.requestP99Ms,
    color: '#dc2626',
  },
  {
    title: 'Journey steps waiting or running (waits of 60 s not counted)',
    unit: 'jobs',
    value: (s) => backlog(s, 'journey-steps'),
    color: '#059669',
  },
  {
    title: 'Customers in a journey (mostly in the 60 s wait)',
    unit: 'runs',
    value: (s) => s.activeEnrollments,
    color: '#7c3aed',
  },
];

function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The soak's curves as one self-contained SVG (no script, no external font): memory,
 * request p99, step backlog and runs in flight against minutes since the load started,
 * with the end of the load marked.
 */
export function soakChartSvg(
  samples: readonly SoakSample[],
  loadSeconds: number,
  title: string,
): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const lastAt = Math.max(loadSeconds, ...samples.map((s) => s.at));
  const x = (at: number) => MARGIN.left + (at / lastAt) * plotWidth;
  const parts: string[] = [];
  PANELS.forEach((panel, i) => {
    const top = 36 + i * PANEL_HEIGHT;
    const values = samples.map((s) => panel.value(s)).filter(Number.isFinite);
    const max = niceMax(Math.max(0, ...values));
    const y = (v: number) => top + MARGIN.top + plotHeight - (v / max) * plotHeight;
    const points = samples
      .filter((s) => Number.isFinite(panel.value(s)))
      .map((s) => `${x(s.at).toFixed(1)},${y(panel.value(s)).toFixed(1)}`)
      .join(' ');
    const bottom = top + MARGIN.top + plotHeight;
    parts.push(
      `<text x="${MARGIN.left}" y="${top + 18}" class="t">${escapeXml(`${panel.title}, ${panel.unit}`)}</text>`,
      `<line x1="${MARGIN.left}" y1="${bottom}" x2="${WIDTH - MARGIN.right}" y2="${bottom}" class="axis"/>`,
      `<line x1="${MARGIN.left}" y1="${y(max)}" x2="${WIDTH - MARGIN.right}" y2="${y(max)}" class="grid"/>`,
      `<line x1="${MARGIN.left}" y1="${y(max / 2)}" x2="${WIDTH - MARGIN.right}" y2="${y(max / 2)}" class="grid"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(max) + 4}" class="l" text-anchor="end">${max.toLocaleString('en-US')}</text>`,
      `<text x="${MARGIN.left - 6}" y="${y(max / 2) + 4}" class="l" text-anchor="end">${(max / 2).toLocaleString('en-US')}</text>`,
      `<text x="${MARGIN.left - 6}" y="${bottom + 4}" class="l" text-anchor="end">0</text>`,
      `<line x1="${x(loadSeconds)}" y1="${top + MARGIN.top}" x2="${x(loadSeconds)}" y2="${bottom}" class="end"/>`,
      `<polyline points="${points}" fill="none" stroke="${panel.color}" stroke-width="1.5"/>`,
    );
    const step = lastAt > 1200 ? 300 : 60;
    for (let at = 0; at <= lastAt; at += step)
      parts.push(
        `<text x="${x(at)}" y="${bottom + 14}" class="l" text-anchor="middle">${at / 60} min</text>`,
      );
  });
  const height = 36 + PANELS.length * PANEL_HEIGHT + 8;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    '<style>text{font-family:system-ui,sans-serif;fill:#1f2937}.t{font-size:13px;font-weight:600}.l{font-size:11px;fill:#6b7280}.axis{stroke:#9ca3af}.grid{stroke:#e5e7eb}.end{stroke:#9ca3af;stroke-dasharray:4 3}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="22" style="font-size:15px;font-weight:700">${escapeXml(title)}</text>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
