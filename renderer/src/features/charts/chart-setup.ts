// Chart.js, bundled (no CDN): only the pieces the bar charts use are registered, so the bundle
// stays small. Canvas drawing is fast for a few dozen bars whatever the number of issues, and a
// canvas turns into a PNG without extra code. Drawn without animation: the view is for reading.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Title, Tooltip, type Plugin } from 'chart.js';

/** A canvas is transparent: paint it white first, so the saved PNG reads on any background. */
const whiteBackground: Plugin<'bar'> = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title, Tooltip, whiteBackground);
Chart.defaults.font.family = "'BIZ UDPGothic', 'BIZ UDPゴシック', 'Yu Gothic UI', 'Meiryo UI', 'Meiryo', 'Noto Sans CJK JP', sans-serif";
Chart.defaults.font.size = 13;
Chart.defaults.color = '#1c1f24';
Chart.defaults.animation = false;

export { Chart };

/** Colours told apart also by people with red–green colour blindness (Okabe–Ito based), highest rank first. */
export const RANK_COLORS = ['#0072b2', '#56b4e9', '#e69f00', '#d55e00', '#cc79a7', '#009e73', '#f0e442', '#000000'];
export const UNRANKED_COLOR = '#c3c8cf';
export const MOVEMENT_COLORS = { up: '#009e73', down: '#d55e00', ranked: '#0072b2', unranked: '#999999' } as const;
