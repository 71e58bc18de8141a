// A horizontal stacked bar chart (one bar per 局区) on a canvas, with what it shows said in words
// for screen readers (the full figures are in the table beside it). Clicking a segment reports
// which bar and which stack it was.
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { Chart } from './chart-setup';

export interface BarSeries {
  label: string;
  color: string;
  values: number[];
}

export interface BarChartHandle {
  /** The chart as PNG, base64 without the data: prefix. */
  png(): string;
}

export interface BarChartProps {
  /** Drawn above the bars in the saved picture, so that it says what it shows (on screen the heading does). */
  title: string;
  categories: string[];
  series: BarSeries[];
  /** Said by screen readers for the picture (the table beside it has the figures). */
  description: string;
  onPick?(category: number, series: number): void;
  ref?: Ref<BarChartHandle>;
}

const BAR_HEIGHT = 22;

export function BarChart({ title, categories, series, description, onPick, ref }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const c = new Chart(canvas.current!, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: '件数' } },
          y: { stacked: true, ticks: { autoSkip: false } },
        },
        plugins: { legend: { position: 'top' }, tooltip: { callbacks: { label: (t) => `${t.dataset.label}: ${Number(t.raw).toLocaleString('ja-JP')} 件` } } },
        onClick: (_e, elements) => {
          const hit = elements[0];
          if (hit) pick.current?.(hit.index, hit.datasetIndex);
        },
        onHover: (e, elements) => {
          const target = e.native?.target;
          if (target instanceof HTMLElement) target.style.cursor = elements.length ? 'pointer' : 'default';
        },
      },
    });
    chart.current = c;
    return () => {
      c.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = categories;
    c.data.datasets = series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color, borderColor: '#ffffff', borderWidth: 1, barThickness: BAR_HEIGHT - 6 }));
    c.update('none');
  }, [categories, series]);

  useImperativeHandle(
    ref,
    () => ({
      png: () => {
        const c = chart.current;
        if (!c) return '';
        c.options.plugins!.title = { display: true, text: title, font: { size: 15, weight: 'bold' }, padding: { top: 4, bottom: 8 } };
        c.update('none');
        const url = c.toBase64Image('image/png', 1);
        c.options.plugins!.title = { display: false };
        c.update('none');
        return url.replace(/^data:image\/png;base64,/, '');
      },
    }),
    [title],
  );

  return (
    <div className="chart-canvas" style={{ height: Math.max(160, categories.length * BAR_HEIGHT + 90) }}>
      <canvas ref={canvas} role="img" aria-label={description} />
    </div>
  );
}
