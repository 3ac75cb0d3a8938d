// Completeness for the ARS / SESAN: the grid establishment × week computed by the core, and the establishments late
// for a week already due, each with a « Relancer » button that mails its referents the core's reminder.
import type { CompletenessGrid } from '../../domain/completeness';
import { CompletenessTable } from './completeness-table';
import { HiddenFields } from './form-fields';
import { Layout, type NavItem, type Chrome } from './layout';
import { WeekChooser } from './week-chooser';
import { SUMMARY_TITLES } from '../../domain/summary';
import { frPages } from '../messages';

export interface LateEstablishment {
  establishmentId: string;
  name: string;
  /** Its rows missing for the week (use cases). */
  rows: string[];
  /** Referent addresses the reminder goes to; empty when the profile has none. */
  emails: string[];
}

export interface CompletenessPageProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  grid: CompletenessGrid;
  /** Weeks whose deadline has passed, newest first. */
  dueWeeks: string[];
  week: string | undefined;
  chooserAction: string;
  late: LateEstablishment[];
  remindAction: string;
  csrf: string;
  notice?: { kind: 'success' | 'error' | 'info'; text: string };
  /** « fichiers .eml dans data/outbox », « SMTP smtp.example.fr:587 ». */
  mailer: string;
  /** « chaque lundi à 09:00 ». */
  schedule: string;
}

export function CompletenessPage(props: CompletenessPageProps) {
  return (
    <Layout {...props.chrome} title="Complétude et relances" audience={props.audience} nav={props.nav}>
      <h1>Complétude et relances</h1>
      {props.notice && (
        <div
          class={`fr-alert fr-alert--${props.notice.kind} fr-mb-3w`}
          role={props.notice.kind === 'error' ? 'alert' : 'status'}
        >
          <p>{props.notice.text}</p>
        </div>
      )}
      <p>
        Les relances automatiques partent {props.schedule} pour la dernière semaine échue. Envoi :{' '}
        {props.mailer}.
      </p>
      <h2>Établissements en retard</h2>
      {props.dueWeeks.length === 0 ? (
        <p>Aucune semaine n'est encore échue.</p>
      ) : (
        <>
          <WeekChooser
            action={props.chooserAction}
            id="f-late-week"
            label="Semaine échue"
            weeks={props.dueWeeks}
            week={props.week}
            submitLabel="Afficher les retards de cette semaine"
          />
          {props.late.length === 0 ? (
            <p>Toutes les déclarations de {props.week} ont été reçues.</p>
          ) : (
            <ul class="late-list">
              {props.late.map((l) => (
                <li key={l.establishmentId} class="fr-mb-2w">
                  <strong>{l.name}</strong> — {l.rows.join(' ; ')}
                  <br />
                  {l.emails.length > 0
                    ? `Référent(s) : ${l.emails.join(', ')}`
                    : 'Pas de référent ES avec adresse e-mail : complétez le profil avant de relancer.'}
                  <form method="post" action={props.remindAction} class="fr-mt-1w">
                    <HiddenFields csrf={props.csrf} />
                    <input type="hidden" name="establishment_id" value={l.establishmentId} />
                    <input type="hidden" name="week" value={props.week} />
                    <button
                      type="submit"
                      class="fr-btn fr-btn--sm fr-btn--secondary"
                      disabled={l.emails.length === 0}
                    >
                      Relancer
                      <span class="fr-sr-only">
                        {' '}
                        {l.name} pour {props.week}
                      </span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <h2 class="fr-mt-6w">{frPages.completenessHeading}</h2>
      <CompletenessTable grid={props.grid} caption={SUMMARY_TITLES.completeness} />
    </Layout>
  );
}
