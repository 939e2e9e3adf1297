import type { GroupMovementView } from '@switchyard/contracts';
import { useMemo } from 'react';
import { formatCount, formatShare } from './movement-format';
import type { MovementDates, MovementPick } from './movement-pick';
import { type ChartClick, type ChartOption, useChart } from './echarts.setup';

interface SankeyLink {
  source: string;
  target: string;
  value: number;
  from: number | null;
  to: number | null;
}

const NEW = '#94a3b8';

/** Who went where: buckets on the first date on the left, on the second on the right. */
export function MovementSankey({
  view,
  dates,
  onPick,
}: {
  view: GroupMovementView;
  dates: MovementDates;
  onPick: (pick: MovementPick) => void;
}) {
  const option = useMemo((): ChartOption => {
    const name = (side: 'from' | 'to', index: number | null) =>
      `${side}:${index === null ? (side === 'from' ? 'new' : 'gone') : index}`;
    const labelOf = (index: number | null, side: 'from' | 'to') =>
      index === null
        ? side === 'from'
          ? 'New customers'
          : 'Deleted'
        : (view.buckets.find((b) => b.index === index)?.label ?? String(index));
    const colorOf = (index: number | null) =>
      index === null ? NEW : (view.buckets.find((b) => b.index === index)?.color ?? NEW);
    const used = new Set<string>();
    const links: SankeyLink[] = view.matrix.map((c) => {
      used.add(name('from', c.from));
      used.add(name('to', c.to));
      return {
        source: name('from', c.from),
        target: name('to', c.to),
        value: c.count,
        from: c.from,
        to: c.to,
      };
    });
    const nodes = [...used].map((id) => {
      const [side, key] = id.split(':') as ['from' | 'to', string];
      const index = key === 'new' || key === 'gone' ? null : Number(key);
      return {
        name: id,
        side,
        index,
        itemStyle: { color: colorOf(index) },
        label: { formatter: `${labelOf(index, side)}` },
      };
    });
    return {
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataType?: string; data: SankeyLink & { side?: string } }) => {
          if (p.dataType === 'edge') {
            const cell = view.matrix.find((c) => c.from === p.data.from && c.to === p.data.to);
            const head = `${labelOf(p.data.from, 'from')} → ${labelOf(p.data.to, 'to')}`;
            const shares = [
              cell?.shareOfFrom != null
                ? `${formatShare(cell.shareOfFrom)} of ${labelOf(p.data.from, 'from')} on ${dates.from}`
                : null,
              cell?.shareOfTo != null
                ? `${formatShare(cell.shareOfTo)} of ${labelOf(p.data.to, 'to')} on ${dates.to}`
                : null,
            ].filter(Boolean);
            return `<b>${head}</b><br/>${formatCount(p.data.value)} customers<br/>${shares.join('<br/>')}`;
          }
          return '';
        },
      },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 120,
          top: 12,
          bottom: 12,
          nodeWidth: 14,
          nodeGap: 10,
          nodeAlign: 'justify',
          layoutIterations: 0,
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'source', opacity: 0.35, curveness: 0.5 },
          label: { fontSize: 12, color: '#1f2937' },
          data: nodes,
          links,
        },
      ],
    };
  }, [view, dates]);

  const ref = useChart(option, (event: ChartClick) => {
    const data = event.data as Partial<SankeyLink> & {
      side?: 'from' | 'to';
      index?: number | null;
    };
    if (event.dataType === 'edge' && data.to !== undefined && data.to !== null)
      onPick({ kind: 'cell', from: data.from ?? null, to: data.to });
    if (event.dataType === 'node' && data.side && typeof data.index === 'number')
      onPick({ kind: 'bucket', date: data.side, bucket: data.index });
  });
  return (
    <div
      ref={ref}
      className="movement-chart movement-chart--sankey"
      data-testid="movement-sankey"
      role="img"
      aria-label={`Flows of customers between buckets from ${dates.from} to ${dates.to}`}
    />
  );
}
