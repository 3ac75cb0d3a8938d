// The ES weekly form, drawn from the core's weekly FormPlan: who is declaring (identity, read-only), which use case
// and week (a separate GET form, so last week's values follow the choice), then the plan's sections. A refused
// submission comes back here with each message under its field and everything typed kept.
import { USE_CASE_FIELD, WEEK_FIELD, type FormPlan, type FormQuestion } from '../../domain/form-plan';
import type { FieldError } from '../../domain/messages';
import type { ReportVersion } from '../../domain/model';
import { formatFrenchDate, formatParisDateTime } from '../../domain/paris-time';
import type { RawValue } from '../../domain/values';
import { ErrorSummary, fieldId, HiddenFields, Question } from './form-fields';
import { Layout, type Chrome, type NavItem } from './layout';
import { frPages } from '../messages';

export interface WeeklyPageProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  plan: FormPlan;
  action: string;
  chooserAction: string;
  csrf: string;
  submissionId: string;
  values: Readonly<Record<string, RawValue>>;
  errors: FieldError[];
  /** Status shown after each week in the chooser (« déclarée », « manquante »…). */
  weekStatus: ReadonlyMap<string, string>;
  week: string | undefined;
  useCaseId: string;
  /** The week's current version, when the week was already declared. */
  existing?: ReportVersion;
  profileHref?: string;
  /** First day of the pilot, shown when no week can be declared yet. */
  pilotStart: string;
}

const isChoice = (q: FormQuestion) => q.name === WEEK_FIELD || q.name === USE_CASE_FIELD;

export function WeeklyPage(props: WeeklyPageProps) {
  const { plan, errors } = props;
  const questions = plan.sections.flatMap((s) => s.questions);
  const choices = questions.filter(isChoice);
  const named = new Set(questions.map((q) => q.name));
  const summary = errors.map((e) => ({ ...e, target: named.has(e.field) ? fieldId(e.field) : undefined }));
  const errorsOf = (name: string) => errors.filter((e) => e.field === name);
  return (
    <Layout
      {...props.chrome}
      title="Déclaration hebdomadaire"
      hasErrors={errors.length > 0}
      audience={props.audience}
      nav={props.nav}
    >
      <h1>{plan.title}</h1>
      <p class="fr-text--lead">{plan.description}</p>
      <ErrorSummary
        title={`La déclaration n'a pas été enregistrée : ${errors.length} point(s) à corriger`}
        errors={summary}
      />
      {props.profileHref && (
        <div class="fr-notice fr-notice--info fr-mb-3w">
          <div class="fr-notice__body">
            <p class="fr-notice__title">
              Le profil de votre établissement n'est pas encore complet.{' '}
              <a href={props.profileHref}>Compléter le formulaire d'initialisation</a>
            </p>
          </div>
        </div>
      )}
      <section class="fr-mb-4w" aria-labelledby="identite">
        <h2 id="identite" class="fr-h4">
          Établissement déclarant
        </h2>
        <dl class="identity">
          {plan.identity.map((i) => (
            <div key={i.label}>
              <dt>{i.label}</dt>
              <dd>{i.value || '—'}</dd>
            </div>
          ))}
        </dl>
      </section>
      <form method="get" action={props.chooserAction} class="fr-mb-4w chooser" aria-labelledby="choix">
        <h2 id="choix" class="fr-h4">
          Semaine déclarée
        </h2>
        {choices.map((q) => {
          const value = q.name === WEEK_FIELD ? props.week : props.useCaseId;
          const labelled =
            q.name === WEEK_FIELD && q.input.kind === 'select'
              ? {
                  ...q,
                  input: {
                    ...q.input,
                    options: q.input.options.map((o) => ({
                      ...o,
                      label: props.weekStatus.has(o.value)
                        ? `${o.label} — ${props.weekStatus.get(o.value)}`
                        : o.label,
                    })),
                  },
                }
              : q;
          return <Question key={q.name} question={labelled} value={value} errors={errorsOf(q.name)} />;
        })}
        <button type="submit" class="fr-btn fr-btn--secondary">
          Afficher le formulaire de cette semaine
        </button>
      </form>
      {!props.week && (
        <div class="fr-alert fr-alert--info fr-mb-4w" role="status">
          <h2 class="fr-alert__title">Aucune semaine à déclarer pour l'instant</h2>
          <p>
            L'expérimentation commence le {formatFrenchDate(props.pilotStart)} : le formulaire s'ouvrira cette
            semaine-là.
          </p>
        </div>
      )}
      {props.existing && (
        <div class="fr-alert fr-alert--info fr-mb-4w">
          <h2 class="fr-alert__title">Semaine déjà déclarée</h2>
          <p>
            Déclaration reçue le {formatParisDateTime(new Date(props.existing.receivedAt))} (version{' '}
            {props.existing.version}). Les valeurs actuelles sont préremplies ; une nouvelle déclaration la
            remplacera, l'ancienne restant dans l'historique.
          </p>
        </div>
      )}
      <form method="post" action={props.action} noValidate aria-labelledby="formulaire">
        <h2 id="formulaire" class="fr-sr-only">
          Formulaire de déclaration
        </h2>
        <HiddenFields csrf={props.csrf} submissionId={props.submissionId} />
        {props.week && <input type="hidden" name={WEEK_FIELD} value={props.week} />}
        {choices.some((q) => q.name === USE_CASE_FIELD) && (
          <input type="hidden" name={USE_CASE_FIELD} value={props.useCaseId} />
        )}
        {plan.sections.map((section) => {
          const own = section.questions.filter((q) => !isChoice(q));
          if (own.length === 0) return null;
          return (
            <fieldset class="fr-fieldset form-section" key={section.title}>
              <legend class="fr-fieldset__legend">
                <span class="fr-h3">{section.title}</span>
                {section.description && <span class="fr-hint-text">{section.description}</span>}
              </legend>
              {own.map((q) => (
                <div class="fr-fieldset__element" key={q.name}>
                  <Question question={q} value={props.values[q.name]} errors={errorsOf(q.name)} />
                </div>
              ))}
            </fieldset>
          );
        })}
        <p class="fr-text--sm">{frPages.requiredFields}</p>
        <button type="submit" class="fr-btn">
          Envoyer la déclaration {props.week ? `de ${props.week}` : ''}
        </button>
      </form>
    </Layout>
  );
}
