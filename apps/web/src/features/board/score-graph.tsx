import 'uplot/dist/uPlot.min.css';
import { useEffect, useMemo, useRef } from 'react';
import uPlot, { AlignedData } from 'uplot';
import type { TeamHistory } from './board.queries';

// Ten colours told apart in light and dark themes (Tableau 10).
const COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * Every team's cumulative score on one shared time axis (seconds), as uPlot wants: steps held from each change on,
 * from the start (everyone at 0) to `until` (the board's time), so that a single solve still draws a line.
 */
export function alignHistory(teams: TeamHistory[], from: string, until: string): AlignedData {
  const bounds = [seconds(from), seconds(until)].filter(Number.isFinite);
  const times = [...new Set([...bounds, ...teams.flatMap((team) => team.points.map((point) => seconds(point.at)))])].sort((a, b) => a - b);
  const series = teams.map((team) => {
    const values: number[] = [];
    let index = 0;
    let score = 0;
    for (const time of times) {
      while (index < team.points.length && Math.floor(Date.parse(team.points[index]!.at) / 1000) <= time) score = team.points[index++]!.score;
      values.push(score);
    }
    return values;
  });
  return [times, ...series];
}

interface ScoreGraphProps {
  teams: TeamHistory[];
  /** The event's start and the board's time: the ends of the time axis. */
  from: string;
  until: string;
  label: string;
  height?: number;
}

/** The top teams' score over time (uPlot, loaded with this chunk only when a board shows a graph). */
export function ScoreGraph({ teams, from, until, label, height = 280 }: ScoreGraphProps) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const data = useMemo(() => alignHistory(teams, from, until), [teams, from, until]);
  const names = teams.map((team) => team.teamName).join('\u0000');
  // Read by the build below: the chart is rebuilt only when the teams shown change; new points just replace its data.
  const latest = useRef({ teams, data });
  useEffect(() => {
    latest.current = { teams, data };
    plot.current?.setData(data);
  }, [teams, data]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const colour = getComputedStyle(element).color;
    const axis = { stroke: colour, grid: { stroke: 'rgba(128,128,128,0.2)' }, ticks: { stroke: 'rgba(128,128,128,0.4)' } };
    const chart = new uPlot(
      {
        width: Math.max(240, element.clientWidth),
        height,
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [axis, { ...axis, size: 60 }],
        series: [
          {},
          ...latest.current.teams.map((team, index) => ({ label: team.teamName, stroke: COLOURS[index % COLOURS.length], width: 2, paths: uPlot.paths.stepped?.({ align: 1 }) })),
        ],
      },
      latest.current.data,
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
  }, [names, height]);

  return <div ref={container} role="img" aria-label={label} />;
}
