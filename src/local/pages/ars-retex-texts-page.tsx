// The ARS / SESAN's own RETEX sections: the list of documents with what is still to write, and for one document a
// form with one text per section (its prompt from the template as hint). A refused text comes back with the
// core's message under its field and everything typed kept. Draws what the routes give it; decides nothing.
import type { FieldError } from '../../domain/messages';
import { ErrorSummary, HiddenFields } from './form-fields';
import { Layout, type Chrome, type NavItem } from './layout';
import { TableFrame } from './table-frame';

/** Beyond this, the list shows how many establishments a document covers (its page names them all). */
const MAX_NAMES_LISTED = 3;

export interface RetexTextsListProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  retexHref: string;
  documents: Array<{
    href: string;
    title: string;
    establishments: string[];
    written: number;
    total: number;
    toWrite: string[];
  }>;
}

export function RetexTextsListPage(props: RetexTextsListProps) {
  const left = props.documents.reduce((n, d) => n + d.toWrite.length, 0);
  return (
    <Layout {...props.chrome} title="Textes RETEX de l'ARS / SESAN" audience={props.audience} nav={props.nav}>
      <p class="fr-mb-2w">
        <a class="fr-link" href={props.retexHref}>
          Retour à la page RETEX
        </a>
      </p>
      <h1>Textes RETEX de l'ARS / SESAN</h1>
      <p>
        Chaque document a ses sections à rédiger par l'ARS / SESAN. Un texte enregistré ici est repris à
        chaque génération, V1 comme VF ; tant qu'une section est vide, le document montre sa consigne.{' '}
        {left === 0 ? 'Toutes les sections ont un texte.' : `${left} section(s) restent à rédiger.`}
      </p>
      <TableFrame caption="Documents RETEX et sections restant à rédiger" hideCaption>
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Sections rédigées</th>
            <th scope="col">Restant à rédiger</th>
            <th scope="col">Établissements</th>
          </tr>
        </thead>
        <tbody>
          {props.documents.map((d) => (
            <tr key={d.href}>
              <td class="wrap">
                <a href={d.href}>{d.title}</a>
              </td>
              <td class="status">
                {d.written} / {d.total}
              </td>
              <td class="status">{d.toWrite.length === 0 ? 'aucune' : d.toWrite.length}</td>
              <td class="wrap">
                {d.establishments.length > MAX_NAMES_LISTED
                  ? `${d.establishments.length} établissements`
                  : d.establishments.join(' ; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </Layout>
  );
}

export interface RetexSectionField {
  id: string;
  title: string;
  prompt: string;
  /** What the field shows: the text in force, or what was typed when the form comes back refused. */
  value: string;
  toWrite: boolean;
  /** « 04/07/2022 10:00 par ARS / SESAN » for the text in force. */
  saved?: string;
  errors: FieldError[];
}

export interface RetexTextsDocumentProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  listHref: string;
  title: string;
  establishments: string[];
  documentKey: string;
  action: string;
  csrf: string;
  /** What the page shows (retexTextsBasis), posted back for the lost-update check. */
  basis: string;
  maxLength: number;
  sections: RetexSectionField[];
  notice?: string;
  /** Refusals that belong to no field (an unknown section). */
  formErrors: FieldError[];
}

export function sectionFieldId(id: string): string {
  return `f-section-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function RetexTextsDocumentPage(props: RetexTextsDocumentProps) {
  const refused = props.sections.filter((s) => s.errors.length > 0);
  const hasErrors = refused.length > 0 || props.formErrors.length > 0;
  const toWrite = props.sections.filter((s) => s.toWrite);
  return (
    <Layout
      {...props.chrome}
      title={`Textes RETEX — ${props.title}`}
      hasErrors={hasErrors}
      audience={props.audience}
      nav={props.nav}
    >
      <p class="fr-mb-2w">
        <a class="fr-link" href={props.listHref}>
          Tous les documents
        </a>
      </p>
      <h1>Textes RETEX — {props.title}</h1>
      <p>Établissement(s) : {props.establishments.join(' ; ')}.</p>
      {props.notice && !hasErrors && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      <ErrorSummary
        title="Aucun texte n'a été enregistré"
        errors={[
          ...props.formErrors,
          ...refused.flatMap((s) => s.errors.map((e) => ({ ...e, target: sectionFieldId(s.id) }))),
        ]}
      />
      {toWrite.length === 0 ? (
        <p>Toutes les sections de ce document ont un texte.</p>
      ) : (
        <>
          <p class="fr-mb-1w">Sections restant à rédiger ({toWrite.length}) :</p>
          <ul>
            {toWrite.map((s) => (
              <li key={s.id}>
                <a href={`#${sectionFieldId(s.id)}`}>{s.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <form method="post" action={props.action} class="fr-mt-4w">
        <HiddenFields csrf={props.csrf} basis={props.basis} />
        <input type="hidden" name="document_key" value={props.documentKey} />
        {props.sections.map((s) => {
          const id = sectionFieldId(s.id);
          const invalid = s.errors.length > 0;
          return (
            <div class={`fr-input-group${invalid ? ' fr-input-group--error' : ''}`} key={s.id}>
              <label class="fr-label" for={id}>
                {s.title}
                {s.toWrite && <span class="fr-badge fr-badge--warning fr-badge--sm fr-ml-1w">À rédiger</span>}
                <span class="fr-hint-text">{s.prompt}</span>
              </label>
              <textarea
                class={`fr-input${invalid ? ' fr-input--error' : ''}`}
                id={id}
                name={`section.${s.id}`}
                rows={6}
                maxLength={props.maxLength}
                aria-describedby={`${id}-messages${s.saved ? ` ${id}-saved` : ''}`}
                aria-invalid={invalid ? 'true' : undefined}
              >
                {s.value}
              </textarea>
              {s.saved && (
                <p class="fr-text--sm fr-mb-0 previous-value" id={`${id}-saved`}>
                  Texte en vigueur enregistré le {s.saved}.
                </p>
              )}
              <div class="fr-messages-group" id={`${id}-messages`} aria-live="polite">
                {s.errors.map((e, i) => (
                  <p class="fr-message fr-message--error" id={`${id}-error-${i}`} key={i}>
                    {e.message}
                  </p>
                ))}
              </div>
            </div>
          );
        })}
        <button type="submit" class="fr-btn fr-mt-2w">
          Enregistrer les textes
        </button>
      </form>
    </Layout>
  );
}
