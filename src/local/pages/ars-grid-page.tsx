// The master grid for the ARS / SESAN, drawn from the workbook model's Suivi sheet: the merged group row, the
// verbatim labels, owner colours, one row per establishment × use case, and the legend. The columns the model lets
// the ARS edit are edited in place; every row opens its record (history, correction of an ES value).
import type { FieldError } from '../../domain/messages';
import type { RawValue } from '../../domain/values';
import { cellDisplayText } from '../../domain/workbook/cells';
import { SUIVI_HEADER_ROWS } from '../../domain/workbook/suivi-sheet';
import type { SheetModel } from '../../domain/workbook/sheet-model';
import { CellEditor, type CellQuestion } from './cell-editor';
import { ErrorSummary } from './form-fields';
import { Layout, type Chrome, type NavItem } from './layout';
import { fillAt, LegendTable, spannedRow } from './sheet-cells';
import { frPages } from '../messages';

export interface GridRow {
  key: string;
  title: string;
  href: string;
  warnings: number;
}

export interface FailedEdit {
  rowKey: string;
  columnId: string;
  value: RawValue;
  errors: FieldError[];
}

export interface GridPageProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  sheet: SheetModel;
  legend: SheetModel;
  /** One per data row of the sheet, in the same order. */
  rows: GridRow[];
  /** Column indexes the ARS edits in place (the model's `editableBy.ars`). */
  editable: readonly number[];
  /** The question editing one cell, prefilled with its current value. */
  question(rowIndex: number, col: number): CellQuestion | undefined;
  editAction: string;
  csrf: string;
  notice?: string;
  failed?: FailedEdit;
  /** What the accompaniment has due this week (points, late actions, next committee, RETEX milestone). */
  week?: { href: string; lines: string[] };
}

/** Anchor id of a cell, also the target of the redirect after its edit. */
export function cellAnchor(rowKey: string, columnId: string): string {
  return `c-${rowKey.replace(/[^A-Za-z0-9_-]/g, '-')}-${columnId}`;
}

/** What became of an in-place cell edit: the success notice, or the refusal linked to the cell. */
export function CellEditOutcome(props: { notice?: string | undefined; failed?: FailedEdit | undefined }) {
  const failed = props.failed;
  return (
    <>
      {props.notice && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      {failed && (
        <ErrorSummary
          title={frPages.cellNotSaved}
          errors={failed.errors.map((e) => ({ ...e, target: cellAnchor(failed.rowKey, failed.columnId) }))}
        />
      )}
    </>
  );
}

export function GridPage(props: GridPageProps) {
  const { sheet } = props;
  const visible = sheet.columns.flatMap((c, i) => (c.hidden ? [] : [i]));
  const editable = new Set(props.editable);
  const nameCol = sheet.columns.findIndex((c) => c.key === 'establishment');
  const failed = props.failed;
  return (
    <Layout
      {...props.chrome}
      title="Fichier de suivi"
      wide
      hasErrors={!!failed}
      audience={props.audience}
      nav={props.nav}
    >
      <h1>Fichier de suivi</h1>
      <p>
        Une ligne par établissement et cas d'usage. Les colonnes de l'ARS / SESAN se modifient ici (« Modifier
        ») ; chaque modification est conservée avec son auteur et sa date. Les valeurs déclarées par les
        établissements se corrigent depuis la fiche de la ligne, avec un motif.
      </p>
      {props.week && (
        <div class="fr-callout fr-mb-3w" id="cette-semaine">
          <h2 class="fr-callout__title">Cette semaine</h2>
          <ul class="fr-callout__text">
            {props.week.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
          <a class="fr-link" href={props.week.href}>
            Voir l’accompagnement des établissements
          </a>
        </div>
      )}
      <CellEditOutcome notice={props.notice} failed={failed} />
      <div class="fr-table fr-table--bordered grid" id="suivi">
        <div class="fr-table__wrapper">
          <div class="fr-table__container" tabIndex={0} role="region" aria-label="Fichier de suivi">
            <div class="fr-table__content">
              <table>
                <caption>Fichier de suivi — {props.rows.length} lignes</caption>
                <thead>
                  <tr>
                    <td></td>
                    {spannedRow(sheet, 0, visible).map(({ col, span, cell }) => {
                      const text = cellDisplayText(cell);
                      return text ? (
                        <th scope="colgroup" colSpan={span} key={col} class={fillAt(sheet, 0, col)}>
                          {text}
                        </th>
                      ) : (
                        <td colSpan={span} key={col} class={fillAt(sheet, 0, col)}></td>
                      );
                    })}
                  </tr>
                  <tr>
                    <th scope="col">Fiche de la ligne</th>
                    {visible.map((col) => (
                      <th
                        scope="col"
                        key={col}
                        class={[fillAt(sheet, 1, col), (sheet.columns[col]?.width ?? 0) >= 200 ? 'wide' : '']
                          .filter(Boolean)
                          .join(' ')}
                      >
                        {cellDisplayText(sheet.header[1]?.[col] ?? undefined)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {sheet.rows.map((cells, r) => {
                    const row = props.rows[r];
                    if (!row) return null;
                    return (
                      <tr key={row.key}>
                        <td>
                          <a href={row.href}>
                            Ouvrir<span class="fr-sr-only"> la fiche de {row.title}</span>
                          </a>
                          {row.warnings > 0 && (
                            <p class="fr-badge fr-badge--warning fr-badge--sm fr-mt-1v">
                              {row.warnings} avertissement(s)
                            </p>
                          )}
                        </td>
                        {visible.map((col) => {
                          const cls = fillAt(sheet, SUIVI_HEADER_ROWS + r, col);
                          const text = cellDisplayText(cells[col] ?? undefined);
                          const question = editable.has(col) ? props.question(r, col) : undefined;
                          const columnId = sheet.columns[col]?.key ?? '';
                          const isFailed = failed?.rowKey === row.key && failed.columnId === columnId;
                          const content = question ? (
                            <CellEditor
                              id={cellAnchor(row.key, columnId)}
                              question={question}
                              text={text}
                              rowTitle={row.title}
                              action={props.editAction}
                              csrf={props.csrf}
                              hidden={{ row_key: row.key, column_id: columnId, back: 'grid' }}
                              value={isFailed ? failed.value : undefined}
                              errors={isFailed ? failed.errors : undefined}
                            />
                          ) : (
                            <span class="multiline">{text}</span>
                          );
                          return col === nameCol ? (
                            <th scope="row" class={cls} key={col}>
                              {content}
                            </th>
                          ) : (
                            <td class={cls} key={col}>
                              {content}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
      <h2 class="fr-mt-6w">Légende</h2>
      <LegendTable legend={props.legend} />
    </Layout>
  );
}
