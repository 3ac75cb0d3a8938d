// The RETEX chart: one panel per counter, a real PNG of the announced size, axis tops at round values.
import {
  CHART_HEIGHT_PX,
  CHART_WIDTH_PX,
  niceMax,
  retexChartPng,
  retexChartSvg,
} from '../../src/node/retex-chart';
import type { RetexChart } from '../../src/domain/retex/document';

const chart: RetexChart = {
  weeks: ['2022-W19', '2022-W20', '2022-W21'],
  series: [
    { id: 'messages_sent', label: 'Cumul nb de messages émis vers MES', values: [10, 25, 40] },
    { id: 'dmp_fed', label: 'Cumul Nb de DMP alimentés & <consultés>', values: [0, 0, 3] },
  ],
};

describe('retexChartSvg', () => {
  it('draws one titled panel per counter, labels escaped, first and last weeks on the axis', () => {
    const svg = retexChartSvg(chart)!;
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toContain('>Cumul Nb de DMP alimentés &amp;</text>');
    expect(svg).toContain('>&lt;consultés&gt;</text>');
    expect(svg).toContain('>S19<');
    expect(svg).toContain('>S21<');
    expect(svg).not.toContain('<consultés>');
  });

  it('has nothing to draw without weeks', () => {
    expect(retexChartSvg({ weeks: [], series: chart.series })).toBeUndefined();
  });
});

describe('retexChartPng', () => {
  it('is a PNG of the announced size', () => {
    const png = retexChartPng(chart)!;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(CHART_WIDTH_PX);
    expect(png.readUInt32BE(20)).toBe(CHART_HEIGHT_PX);
  });
});

describe('niceMax', () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [40, 50],
    [819, 1000],
    [8190, 10000],
    [2000, 2000],
    [2001, 5000],
  ])('tops an axis whose highest value is %i at %i', (value, expected) => {
    expect(niceMax(value)).toBe(expected);
  });
});
