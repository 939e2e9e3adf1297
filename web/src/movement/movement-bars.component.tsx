import type { GroupMovementView } from '@switchyard/contracts';
import { useMemo } from 'react';
import { type ChartClick, type ChartOption, useChart } from './echarts.setup';
import { formatChange, formatCount, formatShare } from './movement-format';
import type { MovementDates, MovementPick } from './movement-pick';

const GOOD = '#059669';
const BAD = '#dc2626';
const SAME = '#94a3b8';
const BEFORE = '#cbd5e1';
/** The second date's legend swatch: its bars take their verdict's colour. */
const AFTER = '#475569';

const verdictColor = (verdict: string) =>
  verdict === 'good' ? GOOD : verdict === 'bad' ? BAD : SAME;

/**
 * Each bucket on both dates: the second date's bar is green when the change is good for
 * that bucket (growth of a good bucket, shrinking of a bad one) and red when it is bad.
 */
export function DistributionBars({
  view,
  dates,
  onPick,
}: {
  view: GroupMovementView;
  dates: MovementDates;
  onPick: (pick: MovementPick) => void;
}) {
  const option = useMemo(
    (): ChartOption => ({
      animation: false,
      grid: { left: 56, right: 16, top: 36, bottom: 64 },
      legend: { top: 0, data: [dates.from, dates.to] },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: { dataIndex: number }[]) => {
          const b = view.buckets[items[0]?.dataIndex ?? 0];
          if (!b) return '';
          const ratio =
            b.changeRatio === null
              ? ''
              : ` (${formatChange(Math.round(b.changeRatio * 1000) / 10)}%)`;
          return `<b>${b.label}</b><br/>${dates.from}: ${formatCount(b.fromCount)} (${formatShare(b.fromShare)})<br/>${dates.to}: ${formatCount(b.toCount)} (${formatShare(b.toShare)})<br/>change ${formatChange(b.change)}${ratio}: ${b.verdict}`;
        },
      },
      xAxis: {
        type: 'category',
        data: view.buckets.map((b) => b.label),
        axisLabel: { interval: 0, rotate: 25, fontSize: 11 },
      },
      yAxis: { type: 'value' },
      series: [
        {
          name: dates.from,
          type: 'bar',
          itemStyle: { color: BEFORE },
          data: view.buckets.map((b) => b.fromCount),
        },
        {
          name: dates.to,
          type: 'bar',
          itemStyle: { color: AFTER },
          data: view.buckets.map((b) => ({
            value: b.toCount,
            itemStyle: { color: verdictColor(b.verdict) },
          })),
        },
      ],
    }),
    [view, dates],
  );
  const ref = useChart(option, (event: ChartClick) => {
    const bucket = view.buckets[event.dataIndex];
    if (bucket)
      onPick({
        kind: 'bucket',
        date: event.seriesIndex === 0 ? 'from' : 'to',
        bucket: bucket.index,
      });
  });
  return (
    <>
      <div ref={ref} className="movement-chart" data-testid="movement-distribution" />
      <p className="muted movement-chart__note">
        {dates.to}: green where the change is good for the bucket, red where it is bad, grey where
        it is about the same.
      </p>
    </>
  );
}

/** Per bucket: how many entered it (from anywhere, new included) and how many left it. */
export function EnteredLeftBars({
  view,
  onPick,
}: {
  view: GroupMovementView;
  onPick: (pick: MovementPick) => void;
}) {
  const option = useMemo(
    (): ChartOption => ({
      animation: false,
      grid: { left: 110, right: 24, top: 28, bottom: 24 },
      legend: { top: 0, data: ['entered', 'left'] },
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesIndex: number; dataIndex: number }) => {
          const b = view.buckets[p.dataIndex];
          if (!b) return '';
          return p.seriesIndex === 0
            ? `<b>${formatCount(b.entered)}</b> entered ${b.label}`
            : `<b>${formatCount(b.left)}</b> left ${b.label}`;
        },
      },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCount(Math.abs(v)) } },
      yAxis: { type: 'category', data: view.buckets.map((b) => b.label) },
      series: [
        {
          name: 'entered',
          type: 'bar',
          stack: 'flow',
          itemStyle: { color: GOOD },
          data: view.buckets.map((b) => b.entered),
        },
        {
          name: 'left',
          type: 'bar',
          stack: 'flow',
          itemStyle: { color: BAD },
          data: view.buckets.map((b) => -b.left),
        },
      ],
    }),
    [view],
  );
  const ref = useChart(option, (event: ChartClick) => {
    const bucket = view.buckets[event.dataIndex];
    if (bucket)
      onPick({ kind: event.seriesIndex === 0 ? 'entered' : 'left', bucket: bucket.index });
  });
  return <div ref={ref} className="movement-chart" data-testid="movement-entered-left" />;
}
