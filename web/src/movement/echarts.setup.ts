import { BarChart, SankeyChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the movement page draws: a Sankey and bars, rendered as SVG.
echarts.use([SankeyChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** What ECharts passes to a click handler (the fields the page reads). */
export interface ChartClick {
  dataType?: string;
  seriesIndex?: number;
  dataIndex: number;
  data: unknown;
}

/**
 * An ECharts instance bound to a div: created on mount, given `option` whenever it changes
 * (replacing the previous one), resized with its box, disposed on unmount.
 */
export function useChart(option: ChartOption, onClick: (event: ChartClick) => void) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, null, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => click.current(params as unknown as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return ref;
}
