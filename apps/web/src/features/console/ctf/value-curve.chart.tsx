import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

interface Props {
  solves: number[];
  values: number[];
  /** The accessible name of the chart (the summary table beside it carries the numbers). */
  label: string;
  xLabel: string;
  yLabel: string;
}

/** The value of a challenge against its solve count (uPlot, in this lazily loaded chunk only). */
export function ValueCurveChart({ solves, values, label, xLabel, yLabel }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef({ solves, values });

  useEffect(() => {
    latest.current = { solves, values };
    plot.current?.setData([solves, values]);
  }, [solves, values]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const colour = getComputedStyle(element).color;
    const axis = { stroke: colour, grid: { stroke: 'rgba(128,128,128,0.2)' }, ticks: { stroke: 'rgba(128,128,128,0.4)' } };
    const height = 220;
    const chart = new uPlot(
      {
        width: Math.max(240, element.clientWidth),
        height,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false }, y: { range: (_self, _min, max) => [0, Math.max(1, max)] } },
        axes: [
          { ...axis, label: xLabel },
          { ...axis, label: yLabel, size: 60 },
        ],
        series: [{ label: xLabel }, { label: yLabel, stroke: '#4e79a7', width: 2, points: { show: false } }],
      },
      [latest.current.solves, latest.current.values],
      element,
    );
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(240, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [xLabel, yLabel]);

  return <div ref={container} role="img" aria-label={label} />;
}
