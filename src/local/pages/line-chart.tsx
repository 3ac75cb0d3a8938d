// A small line chart in SVG for the ANS summary, readable without sight: the SVG is one image named by its title,
// its description says what the line shows (first and last values), each point carries its value, and the page
// gives the same figures as a table. Presentation attributes only (no inline style), so the CSP stays strict.

export interface ChartPoint {
  label: string;
  value: number;
}

const WIDTH = 480;
const HEIGHT = 240;
const PAD = { top: 16, right: 16, bottom: 40, left: 56 };

/** A round upper bound for the axis (1, 2, 5 × 10^n). */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}

const fr = (n: number) => n.toLocaleString('fr-FR');

export function describeSeries(title: string, points: readonly ChartPoint[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return `${title} : aucune donnée.`;
  return `${title} : de ${fr(first.value)} (${first.label}) à ${fr(last.value)} (${last.label}), sur ${points.length} semaine(s).`;
}

export function LineChart(props: { id: string; title: string; points: readonly ChartPoint[] }) {
  const { id, points } = props;
  const max = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length <= 1 ? innerW / 2 : (i * innerW) / (points.length - 1));
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{describeSeries(props.title, points)}</desc>
      <g aria-hidden="true" font-size="11" fill="#3a3a3a">
        {[0, max / 2, max].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} stroke="#dddddd" />
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
              {fr(v)}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          i % labelEvery === 0 || i === points.length - 1 ? (
            <text key={p.label} x={x(i)} y={HEIGHT - PAD.bottom + 16} text-anchor="middle">
              {p.label.replace(/^\d{4}-/, '')}
            </text>
          ) : null,
        )}
      </g>
      {points.length > 1 && (
        <polyline
          fill="none"
          stroke="#000091"
          stroke-width="2"
          points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')}
        />
      )}
      {points.map((p, i) => (
        <circle key={p.label} cx={x(i)} cy={y(p.value)} r="3" fill="#000091">
          <title>{`${p.label} : ${fr(p.value)}`}</title>
        </circle>
      ))}
    </svg>
  );
}
