// The preview of an import: every change the ARS's columns would take (row, column, old → new), every refused
// cell with its reason, and what the file lacks; nothing is written until « Appliquer » is pressed. Changes to cells
// modified online since the file's export are set apart: applied only when ticked one by one (field CHOSEN_FIELD).
import { formatParisDateTime } from '../../domain/paris-time';
import { frImport } from '../../domain/messages';
import type { ImportPreview } from '../../app/import-workbook';
import { HiddenFields } from './form-fields';
import { Layout, type Chrome, type NavItem } from './layout';
import { TableFrame } from './table-frame';

export interface ImportPreviewPageProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  fileName: string;
  preview: ImportPreview;
  applyAction: string;
  cancelAction: string;
  csrf: string;
}

/** The name of the checkboxes that choose set-apart changes; their values are indexes in `preview.setApart`. */
export const CHOSEN_FIELD = 'retenir';
const APPLY_FORM = 'import-apply';

export function ImportPreviewPage(props: ImportPreviewPageProps) {
  const { preview } = props;
  const applicable = preview.changes.length + preview.setApart.length;
  return (
    <Layout {...props.chrome} title="Aperçu de l'import" audience={props.audience} nav={props.nav}>
      <h1>Aperçu de l'import</h1>
      <p>
        {props.fileName} — feuille « {preview.sheet} » : {preview.rowsRead} ligne(s) lue(s),{' '}
        {preview.rowsMatched} reconnue(s). <strong>{preview.changes.length} modification(s)</strong> à
        appliquer, {preview.setApart.length > 0 && <>{preview.setApart.length} mise(s) de côté, </>}
        {preview.refused.length} refusée(s). Rien n'est enregistré tant que vous n'avez pas appliqué.
      </p>
      {preview.notices.length > 0 && (
        <div class="fr-alert fr-alert--info fr-mb-3w">
          <h2 class="fr-alert__title">À savoir</h2>
          <ul>
            {preview.notices.map((n, i) => (
              <li key={i}>{n.message}</li>
            ))}
          </ul>
        </div>
      )}
      <h2>Modifications à appliquer</h2>
      {preview.changes.length === 0 ? (
        <p>Aucune : le fichier ne change aucune de vos colonnes.</p>
      ) : (
        <TableFrame caption="Modifications à appliquer" hideCaption>
          <thead>
            <tr>
              <th scope="col">Ligne du fichier</th>
              <th scope="col">Établissement</th>
              <th scope="col">Colonne</th>
              <th scope="col">Valeur actuelle</th>
              <th scope="col">Nouvelle valeur</th>
            </tr>
          </thead>
          <tbody>
            {preview.changes.map((c, i) => (
              <tr key={i}>
                <td>{c.rows.join(', ')}</td>
                <th scope="row">{c.title}</th>
                <td>{c.columnLabel}</td>
                <td class="multiline">{c.oldText || '—'}</td>
                <td class="multiline">{c.newText || '—'}</td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      {preview.setApart.length > 0 && (
        <>
          <h2 class="fr-mt-6w" id="mises-de-cote">
            Modifiées en ligne depuis l'export : mises de côté
          </h2>
          <p>
            Ces cellules ont été modifiées en ligne après l'export de ce fichier : la valeur du fichier est
            peut-être l'ancienne. Elles ne sont appliquées que si vous les cochez une par une.
          </p>
          <TableFrame caption="Modifications mises de côté, à cocher pour les appliquer" hideCaption>
            <thead>
              <tr>
                <th scope="col">Appliquer</th>
                <th scope="col">Ligne du fichier</th>
                <th scope="col">Établissement</th>
                <th scope="col">Colonne</th>
                <th scope="col">Valeur actuelle</th>
                <th scope="col">Valeur du fichier</th>
                <th scope="col">Modifiée</th>
              </tr>
            </thead>
            <tbody>
              {preview.setApart.map((c, i) => (
                <tr key={i}>
                  <td>
                    <input
                      type="checkbox"
                      form={APPLY_FORM}
                      name={CHOSEN_FIELD}
                      value={String(i)}
                      id={`retenir-${i}`}
                      aria-label={`Appliquer quand même « ${c.columnLabel} » — ${c.title}`}
                    />
                  </td>
                  <td>{c.rows.join(', ')}</td>
                  <th scope="row">{c.title}</th>
                  <td>{c.columnLabel}</td>
                  <td class="multiline">{c.oldText || '—'}</td>
                  <td class="multiline">{c.newText || '—'}</td>
                  <td>{frImport.setApartReason(c.changedBy, formatParisDateTime(new Date(c.changedAt)))}</td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
        </>
      )}
      {preview.refused.length > 0 && (
        <>
          <h2 class="fr-mt-6w">Cellules et lignes refusées</h2>
          <TableFrame caption="Cellules et lignes refusées, avec leur raison" hideCaption>
            <thead>
              <tr>
                <th scope="col">Ligne du fichier</th>
                <th scope="col">Établissement</th>
                <th scope="col">Colonne</th>
                <th scope="col">Valeur du fichier</th>
                <th scope="col">Raison</th>
              </tr>
            </thead>
            <tbody>
              {preview.refused.map((r, i) => (
                <tr key={i}>
                  <td>{r.row}</td>
                  <th scope="row">{r.title ?? '—'}</th>
                  <td>{r.columnLabel ?? '—'}</td>
                  <td class="multiline">{r.newText ?? ''}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
        </>
      )}
      <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
        {applicable > 0 && (
          <li>
            <form method="post" action={props.applyAction} class="inline-form" id={APPLY_FORM}>
              <HiddenFields csrf={props.csrf} />
              <button type="submit" class="fr-btn">
                Appliquer les {preview.changes.length} modification(s)
                {preview.setApart.length > 0 && ' et celles cochées'}
              </button>
            </form>
          </li>
        )}
        <li>
          <form method="post" action={props.cancelAction} class="inline-form">
            <HiddenFields csrf={props.csrf} />
            <button type="submit" class="fr-btn fr-btn--secondary">
              Annuler l'import
            </button>
          </form>
        </li>
      </ul>
    </Layout>
  );
}
