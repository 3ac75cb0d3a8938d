// Reading a workbook sheet model (src/domain/workbook/sheet-model.ts) for HTML: a cell's fill, the merged header row, the
// legend (a cell's text is the model's cellDisplayText). The pages draw what the model says; they decide no label,
// colour or order of their own.
import { cellDisplayText, type Cell } from '../../domain/workbook/cells';
import type { SheetModel } from '../../domain/workbook/sheet-model';
import { fillClass } from '../server/theme';

/** The fill class of a cell (0-based over the whole sheet, header rows included), from the model's styles. */
export function fillAt(sheet: SheetModel, row: number, col: number): string | undefined {
  let fill: string | undefined;
  for (const { rect, style } of sheet.styles) {
    const inRows = row >= rect.row && (rect.rows === null || row < rect.row + rect.rows);
    if (style.fill && inRows && col >= rect.col && col < rect.col + rect.cols) fill = style.fill;
  }
  return fill ? fillClass(fill) : undefined;
}

/** A header row as cells with their span: merged ranges of the model become one cell spanning them. */
export function spannedRow(
  sheet: SheetModel,
  row: number,
  visible: readonly number[],
): Array<{ col: number; span: number; cell: Cell | undefined }> {
  const cells = sheet.header[row] ?? [];
  const out: Array<{ col: number; span: number; cell: Cell | undefined }> = [];
  for (const col of visible) {
    const merge = sheet.merges.find((m) => m.row === row && col >= m.col && col < m.col + m.cols);
    if (merge && merge.col !== col) continue;
    const span = merge ? visible.filter((c) => c >= merge.col && c < merge.col + merge.cols).length : 1;
    out.push({ col, span, cell: cells[col] ?? undefined });
  }
  return out;
}

/** The legend sheet (owner × cadence) as a table: its first row is the title, the second the header. */
export function LegendTable(props: { legend: SheetModel }) {
  const { legend } = props;
  const [title, header, ...rows] = legend.rows;
  return (
    <div class="fr-table fr-table--bordered">
      <div class="fr-table__wrapper">
        <div class="fr-table__container">
          <div class="fr-table__content">
            <table>
              <caption>{cellDisplayText(title?.[0] ?? undefined)}</caption>
              <thead>
                <tr>
                  {(header ?? []).map((c, i) => (
                    <th scope="col" key={i}>
                      {cellDisplayText(c ?? undefined)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((c, j) =>
                      j === 0 ? (
                        <th scope="row" key={j}>
                          {cellDisplayText(c ?? undefined)}
                        </th>
                      ) : (
                        <td key={j} class={fillAt(legend, i + 2, j)}>
                          {cellDisplayText(c ?? undefined)}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
