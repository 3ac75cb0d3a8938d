// The completeness grid (rows × weeks: reçu, reçu en retard, manquant, attendu) computed by the core. Each cell
// says its status in words; the colour (from the workbook model's palette, see server/theme.ts) only repeats it.
import { COMPLETENESS_LABELS } from '../../domain/calendar';
import type { CompletenessGrid } from '../../domain/completeness';
import { statusClass } from '../server/theme';
import { TableFrame } from './table-frame';

export function CompletenessTable(props: { grid: CompletenessGrid; caption: string; rowHeader?: string }) {
  const { grid } = props;
  return (
    <TableFrame caption={props.caption} bordered>
      <thead>
        <tr>
          <th scope="col">{props.rowHeader ?? 'Établissement'}</th>
          {grid.weeks.map((w) => (
            <th scope="col" key={w}>
              {w}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.rows.map((r) => (
          <tr key={r.rowKey}>
            <th scope="row">{r.title}</th>
            {r.cells.map((c, i) => (
              <td class={`status ${statusClass(c)}`} key={grid.weeks[i]}>
                {COMPLETENESS_LABELS[c]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {grid.rows.length > 1 && (
        <tfoot>
          {(['received', 'late', 'missing'] as const).map((s) => (
            <tr key={s}>
              <th scope="row">Total {COMPLETENESS_LABELS[s]}</th>
              {grid.totals.map((t, i) => (
                <td key={grid.weeks[i]}>{t[s]}</td>
              ))}
            </tr>
          ))}
        </tfoot>
      )}
    </TableFrame>
  );
}
