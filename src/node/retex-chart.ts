// The RETEX chart image: the weekly progression of each cumulative counter, one small panel per counter (their
// scales differ by orders of magnitude, so one shared axis would flatten most lines). Drawn as SVG and rasterised
// to PNG by resvg (Rust, shipped as an npm prebuilt: no native build, no browser, no network).
import fs from 'node:fs';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { parseIsoWeek } from '../domain/iso-week';
import type { RetexChart } from '../domain/retex/document';
import { xmlEscape } from './xml-escape';

export const CHART_WIDTH_PX = 1200;
export const CHART_HEIGHT_PX = 720;
const COLUMNS = 3;
const BLUE = '#000091';

/** The smallest 1, 2 or 5 × 10^k at or above `value` (at least 1): the top of a panel's axis. */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function shortWeek(week: string): string {
  const p = parseIsoWeek(week);
  return p ? `S${p.week}` : week;
}

function formatNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/** Breaks a label into lines of at most `max` characters, between words. */
function wrap(label: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.slice(0, 2);
}

/** The chart as SVG, or undefined when there is no week to draw. */
export function retexChartSvg(chart: RetexChart): string | undefined {
  if (chart.weeks.length === 0 || chart.series.length === 0) return undefined;
  const rows = Math.ceil(chart.series.length / COLUMNS);
  const panelW = CHART_WIDTH_PX / COLUMNS;
  const panelH = CHART_HEIGHT_PX / rows;
  const parts: string[] = [];
  chart.series.forEach((serie, i) => {
    const x0 = (i % COLUMNS) * panelW;
    const y0 = Math.floor(i / COLUMNS) * panelH;
    const left = x0 + 64;
    const right = x0 + panelW - 20;
    const top = y0 + 62;
    const bottom = y0 + panelH - 40;
    const max = niceMax(Math.max(0, ...serie.values));
    const n = chart.weeks.length;
    const x = (k: number) => (n === 1 ? (left + right) / 2 : left + ((right - left) * k) / (n - 1));
    const y = (v: number) => bottom - ((bottom - top) * v) / max;
    wrap(serie.label, 34).forEach((line, l) =>
      parts.push(
        `<text x="${x0 + panelW / 2}" y="${y0 + 24 + l * 20}" text-anchor="middle" font-size="17" font-weight="bold" fill="#1e1e1e">${xmlEscape(line)}</text>`,
      ),
    );
    for (const v of [0, max / 2, max]) {
      parts.push(
        `<line x1="${left}" y1="${y(v)}" x2="${right}" y2="${y(v)}" stroke="#d0d0d0" stroke-width="1"/>`,
      );
      parts.push(
        `<text x="${left - 8}" y="${y(v) + 5}" text-anchor="end" font-size="14" fill="#555555">${formatNumber(Math.round(v))}</text>`,
      );
    }
    const first = chart.weeks[0] ?? '';
    const last = chart.weeks[n - 1] ?? '';
    parts.push(
      `<text x="${x(0)}" y="${bottom + 22}" text-anchor="middle" font-size="14" fill="#555555">${shortWeek(first)}</text>`,
    );
    if (n > 1)
      parts.push(
        `<text x="${x(n - 1)}" y="${bottom + 22}" text-anchor="middle" font-size="14" fill="#555555">${shortWeek(last)}</text>`,
      );
    const points = serie.values.map((v, k) => `${x(k).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(
      `<polyline points="${points}" fill="none" stroke="${BLUE}" stroke-width="3" stroke-linejoin="round"/>`,
    );
    serie.values.forEach((v, k) =>
      parts.push(`<circle cx="${x(k).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3.5" fill="${BLUE}"/>`),
    );
    const lastValue = serie.values[n - 1] ?? 0;
    parts.push(
      `<text x="${Math.min(x(n - 1), right - 4)}" y="${y(lastValue) - 10}" text-anchor="end" font-size="15" font-weight="bold" fill="${BLUE}">${formatNumber(lastValue)}</text>`,
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH_PX}" height="${CHART_HEIGHT_PX}" viewBox="0 0 ${CHART_WIDTH_PX} ${CHART_HEIGHT_PX}" ` +
    `font-family="Marianne, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>${parts.join('')}</svg>`
  );
}

// Loading every system font on each render is slow; one known sans-serif file is enough for labels. Without any
// font file the lines still draw, only the labels are missing (docs/retex-modeles.md « Graphique »).
const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
  'C:\\Windows\\Fonts\\arial.ttf',
];
let fontOptions: ResvgRenderOptions['font'] | undefined;

function fonts(): ResvgRenderOptions['font'] {
  if (!fontOptions) {
    const files = FONT_CANDIDATES.filter((f) => fs.existsSync(f));
    fontOptions =
      files.length > 0
        ? {
            loadSystemFonts: false,
            fontFiles: files,
            defaultFontFamily: files[0]?.includes('Liberation') ? 'Liberation Sans' : 'DejaVu Sans',
          }
        : { loadSystemFonts: true };
  }
  return fontOptions;
}

/** The chart as PNG, or undefined when there is no week to draw. */
export function retexChartPng(chart: RetexChart): Buffer | undefined {
  const svg = retexChartSvg(chart);
  if (!svg) return undefined;
  return new Resvg(svg, { font: fonts(), background: '#ffffff', logLevel: 'off' }).render().asPng();
}
