// The record of one row for the ARS / SESAN: every current value with its owner (ARS values edited in place), the
// correction of a week the establishment declared (reason mandatory, kept as a new version), and the row's whole
// history: report versions, and every cell change with its author, time and old → new values.
import type { FormQuestion } from '../../domain/form-plan';
import type { FieldError } from '../../domain/messages';
import type { ReportVersion } from '../../domain/model';
import { formatParisDateTime } from '../../domain/paris-time';
import { valueAsText, type RawValue } from '../../domain/values';
import type { Column } from '../../schema/tracking-file';
import { cellAnchor, type FailedEdit } from './ars-grid-page';
import { CellEditor, type CellQuestion } from './cell-editor';
import { ErrorSummary, fieldId, HiddenFields, Question } from './form-fields';
import { Layout, type Chrome, type NavItem } from './layout';
import { TableFrame } from './table-frame';
import { WeekChooser } from './week-chooser';
import { frPages } from '../messages';

export interface RowField {
  column: Column;
  text: string;
  owner: string;
  fillClass?: string;
  question?: CellQuestion;
}

export interface ChangeLine {
  at: string;
  author: string;
  label: string;
  previous: string;
  value: string;
  source: string;
}

export interface CorrectionForm {
  /** Weeks of this row that have a report, newest first. */
  weeks: string[];
  week: string | undefined;
  current: ReportVersion | undefined;
  chooserAction: string;
  action: string;
  submissionId: string;
  /** What the form shows (correctionBasis of `current`), posted back for the lost-update check. */
  basis: string;
  questions: FormQuestion[];
  values: Readonly<Record<string, RawValue>>;
  reason: string;
  errors: FieldError[];
}

export interface RowPageProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  rowKey: string;
  rowTitle: string;
  gridHref: string;
  fields: RowField[];
  editAction: string;
  csrf: string;
  failed?: FailedEdit;
  notice?: string;
  correction: CorrectionForm;
  /** Newest first. */
  versions: ReportVersion[];
  counters: Column[];
  /** Newest first. */
  changes: ChangeLine[];
}

const SOURCES: Record<ReportVersion['source'], string> = {
  form: 'formulaire',
  import: 'import',
  correction: 'correction',
};

export function RowPage(props: RowPageProps) {
  const { correction, failed } = props;
  const named = new Set(correction.questions.map((q) => q.name));
  const correctionErrors = correction.errors.map((e) => ({
    ...e,
    target: named.has(e.field) ? fieldId(e.field) : e.field === 'reason' ? 'f-reason' : undefined,
  }));
  return (
    <Layout
      {...props.chrome}
      title={`Fiche — ${props.rowTitle}`}
      hasErrors={!!failed || correction.errors.length > 0}
      audience={props.audience}
      nav={props.nav}
    >
      <p>
        <a class="fr-link" href={props.gridHref}>
          Retour au fichier de suivi
        </a>
      </p>
      <h1>{props.rowTitle}</h1>
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
      <h2>Valeurs actuelles</h2>
      <TableFrame caption="Valeurs actuelles de la ligne" hideCaption bordered>
        <thead>
          <tr>
            <th scope="col">Colonne</th>
            <th scope="col">Valeur</th>
            <th scope="col">Renseignée par</th>
          </tr>
        </thead>
        <tbody>
          {props.fields.map((f) => {
            const isFailed = failed?.columnId === f.column.id;
            return (
              <tr key={f.column.id}>
                <th scope="row" class={f.fillClass}>
                  {f.column.label}
                </th>
                <td class={f.fillClass}>
                  {f.question ? (
                    <CellEditor
                      id={cellAnchor(props.rowKey, f.column.id)}
                      question={f.question}
                      text={f.text}
                      rowTitle={props.rowTitle}
                      action={props.editAction}
                      csrf={props.csrf}
                      hidden={{ row_key: props.rowKey, column_id: f.column.id, back: 'row' }}
                      value={isFailed ? failed.value : undefined}
                      errors={isFailed ? failed.errors : undefined}
                    />
                  ) : (
                    <span class="multiline">{f.text}</span>
                  )}
                </td>
                <td>{f.owner}</td>
              </tr>
            );
          })}
        </tbody>
      </TableFrame>

      <h2 class="fr-mt-6w" id="correction">
        Corriger une déclaration de l'établissement
      </h2>
      {correction.weeks.length === 0 ? (
        <p>Aucune déclaration reçue pour cette ligne : il n'y a rien à corriger.</p>
      ) : (
        <>
          <WeekChooser
            action={correction.chooserAction}
            id="f-correction-week"
            label="Semaine à corriger"
            weeks={correction.weeks}
            week={correction.week}
            submitLabel="Afficher cette semaine"
          />
          <ErrorSummary title="La correction n'a pas été enregistrée" errors={correctionErrors} />
          {correction.current && (
            <form method="post" action={correction.action} noValidate aria-labelledby="correction">
              <p>
                Version actuelle : {correction.current.version}, reçue le{' '}
                {formatParisDateTime(new Date(correction.current.receivedAt))}. Modifiez seulement les valeurs
                à corriger : la correction devient une nouvelle version, l'ancienne reste dans l'historique.
              </p>
              <HiddenFields
                csrf={props.csrf}
                submissionId={correction.submissionId}
                basis={correction.basis}
              />
              <input type="hidden" name="week" value={correction.week} />
              {correction.questions.map((q) => (
                <Question
                  key={q.name}
                  question={q}
                  value={correction.values[q.name]}
                  errors={correction.errors.filter((e) => e.field === q.name)}
                />
              ))}
              <div
                class={`fr-input-group${correction.errors.some((e) => e.field === 'reason') ? ' fr-input-group--error' : ''}`}
              >
                <label class="fr-label" for="f-reason">
                  Motif de la correction <span aria-hidden="true">*</span>
                  <span class="fr-hint-text">
                    Obligatoire : pourquoi la valeur déclarée est corrigée. Il reste dans l'historique.
                  </span>
                </label>
                <textarea
                  class="fr-input"
                  id="f-reason"
                  name="reason"
                  rows={3}
                  aria-required="true"
                  aria-describedby="f-reason-messages"
                  aria-invalid={correction.errors.some((e) => e.field === 'reason') ? 'true' : undefined}
                >
                  {correction.reason}
                </textarea>
                <div class="fr-messages-group" id="f-reason-messages" aria-live="polite">
                  {correction.errors
                    .filter((e) => e.field === 'reason')
                    .map((e, i) => (
                      <p class="fr-message fr-message--error" key={i}>
                        {e.message}
                      </p>
                    ))}
                </div>
              </div>
              <button type="submit" class="fr-btn">
                Enregistrer la correction de {correction.week}
              </button>
            </form>
          )}
        </>
      )}

      <h2 class="fr-mt-6w">Déclarations et corrections</h2>
      {props.versions.length === 0 ? (
        <p>Aucune déclaration.</p>
      ) : (
        <TableFrame
          caption="Versions des déclarations de la ligne, de la plus récente à la plus ancienne"
          hideCaption
        >
          <thead>
            <tr>
              <th scope="col">Semaine</th>
              <th scope="col">Version</th>
              <th scope="col">Source</th>
              <th scope="col">Reçue le</th>
              <th scope="col">Auteur</th>
              {props.counters.map((c) => (
                <th scope="col" key={c.id}>
                  {c.label}
                </th>
              ))}
              <th scope="col">Motif et avertissements</th>
            </tr>
          </thead>
          <tbody>
            {props.versions.map((v) => (
              <tr key={`${v.week}/${v.version}`}>
                <th scope="row">{v.week}</th>
                <td>{v.version}</td>
                <td>{SOURCES[v.source]}</td>
                <td>{formatParisDateTime(new Date(v.receivedAt))}</td>
                <td>{v.author}</td>
                {props.counters.map((c) => (
                  <td key={c.id}>{valueAsText(c, v.values[c.id])}</td>
                ))}
                <td class="multiline">
                  {[...(v.reason ? [`Motif : ${v.reason}`] : []), ...v.warnings.map((w) => w.message)].join(
                    '\n',
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}

      <h2 class="fr-mt-6w">Modifications des cellules</h2>
      {props.changes.length === 0 ? (
        <p>Aucune modification.</p>
      ) : (
        <TableFrame caption="Modifications des cellules, de la plus récente à la plus ancienne" hideCaption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Auteur</th>
              <th scope="col">Colonne</th>
              <th scope="col">Ancienne valeur</th>
              <th scope="col">Nouvelle valeur</th>
              <th scope="col">Origine</th>
            </tr>
          </thead>
          <tbody>
            {props.changes.map((c, i) => (
              <tr key={i}>
                <td>{c.at}</td>
                <td>{c.author}</td>
                <th scope="row">{c.label}</th>
                <td class="multiline">{c.previous || '—'}</td>
                <td class="multiline">{c.value || '—'}</td>
                <td>{c.source}</td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </Layout>
  );
}
