import { useEffect, useRef, useState } from 'react';
import { Spin } from 'antd';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';

/** What a click on a chart item reports: the category name and the index in its series. */
export interface ChartItemClick {
  name: string;
  dataIndex: number;
  seriesIndex: number;
}

export interface EChartProps {
  /** Built by a pure option builder; a new object redraws the chart. */
  option: EChartsCoreOption;
  height: number;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  ariaLabel: string;
  onItemClick?: (item: ChartItemClick) => void;
}

/**
 * Renders an ECharts option. ECharts (echarts/core with bar and line charts only) is imported on
 * first use, so pages without charts never load it. Resizes with its container.
 */
export function EChart({ option, height, ariaLabel, onItemClick }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const onClick = useRef(onItemClick);
  const [status, setStatus] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    onClick.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('./echarts-setup')
      .then(({ initChart }) => {
        const element = container.current;
        if (disposed || !element) return;
        const instance = initChart(element);
        instance.on('click', (params) => {
          const p = params as { name?: string; dataIndex?: number; seriesIndex?: number };
          onClick.current?.({
            name: p.name ?? '',
            dataIndex: p.dataIndex ?? 0,
            seriesIndex: p.seriesIndex ?? 0,
          });
        });
        chart.current = instance;
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(element);
        setStatus('ready');
      })
      .catch(() => {
        if (!disposed) setStatus('failed');
      });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (status !== 'ready' || !chart.current) return;
    chart.current.setOption(option, { notMerge: true });
    // Marks the chart drawn with its data from the next frame on (what the render benchmark and
    // the end-to-end tests wait for).
    const frame = requestAnimationFrame(() =>
      container.current?.setAttribute('data-drawn', 'true'),
    );
    return () => cancelAnimationFrame(frame);
  }, [option, status]);

  return (
    <div style={{ position: 'relative', height }}>
      <div
        ref={container}
        role="img"
        aria-label={ariaLabel}
        data-chart="echarts"
        style={{ height: '100%' }}
      />
      {status === 'ready' ? null : (
        <div
          style={{
            position: 'absolute',
            inset: 0,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            color: 'rgba(0,0,0,0.45)',
          }}
        >
          {status === 'loading' ? <Spin /> : '图表加载失败，请刷新页面后重试'}
        </div>
      )}
    </div>
  );
}
