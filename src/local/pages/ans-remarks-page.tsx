// The ANS's own columns (by default « Remarques »), one line per row of the master file, edited in place. Nothing
// else is writable for the ANS.
import { cellAnchor, CellEditOutcome, type FailedEdit } from './ars-grid-page';
import { CellEditor, type CellQuestion } from './cell-editor';
import { Layout, type Chrome, type NavItem } from './layout';
import { TableFrame } from './table-frame';

export interface RemarkRow {
  key: string;
  title: string;
  week: string | null;
  cells: Array<{ text: string; question: CellQuestion }>;
}

export function RemarksPage(props: {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  /** Labels of the ANS columns, verbatim. */
  columns: string[];
  rows: RemarkRow[];
  action: string;
  csrf: string;
  notice?: string;
  failed?: FailedEdit;
}) {
  const { failed } = props;
  const title = props.columns.join(' et ');
  return (
    <Layout {...props.chrome} title={title} hasErrors={!!failed} audience={props.audience} nav={props.nav}>
      <h1>{title}</h1>
      <p>
        Ces colonnes du fichier de suivi sont renseignées par l'ANS. Chaque modification est conservée avec
        son auteur et sa date.
      </p>
      <CellEditOutcome notice={props.notice} failed={failed} />
      <TableFrame caption={`${title} par ligne de suivi`} hideCaption>
        <thead>
          <tr>
            <th scope="col">Établissement</th>
            <th scope="col">Dernière semaine déclarée</th>
            {props.columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.title}</th>
              <td>{r.week ?? 'aucune'}</td>
              {r.cells.map(({ text, question }) => {
                const columnId = question.columnId ?? '';
                const isFailed = failed?.rowKey === r.key && failed.columnId === columnId;
                return (
                  <td key={columnId}>
                    <CellEditor
                      id={cellAnchor(r.key, columnId)}
                      question={question}
                      text={text}
                      rowTitle={r.title}
                      action={props.action}
                      csrf={props.csrf}
                      hidden={{ row_key: r.key, column_id: columnId, back: 'remarks' }}
                      value={isFailed ? failed.value : undefined}
                      errors={isFailed ? failed.errors : undefined}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </Layout>
  );
}
