// The ES initialisation form (profile), drawn from the core's initialisation FormPlan: the establishment's identity
// read-only, then its profile and the pathway and use case of each of its rows. Refusals come back under each field
// with everything typed kept; a saved form lists what changed.
import type { FormPlan } from '../../domain/form-plan';
import type { FieldError } from '../../domain/messages';
import type { RawValue } from '../../domain/values';
import { ErrorSummary, fieldId, HiddenFields, Question } from './form-fields';
import { Layout, type Chrome, type NavItem } from './layout';
import { frPages } from '../messages';

export interface ProfilePageProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  plan: FormPlan;
  action: string;
  csrf: string;
  submissionId: string;
  /** What the form shows (profileBasis), posted back for the lost-update check. */
  basis: string;
  values: Readonly<Record<string, RawValue>>;
  errors: FieldError[];
  /** After a save: the labels of the fields that changed. */
  saved?: string[];
  /** The same form was sent twice: the second changed nothing. */
  duplicate?: boolean;
}

export function ProfilePage(props: ProfilePageProps) {
  const { plan, errors } = props;
  const named = new Set(plan.sections.flatMap((s) => s.questions.map((q) => q.name)));
  const summary = errors.map((e) => ({ ...e, target: named.has(e.field) ? fieldId(e.field) : undefined }));
  return (
    <Layout
      {...props.chrome}
      title={frPages.profileTitle}
      hasErrors={errors.length > 0}
      audience={props.audience}
      nav={props.nav}
    >
      <h1>{plan.title}</h1>
      <p class="fr-text--lead">{plan.description}</p>
      {props.saved && (
        <div class="fr-alert fr-alert--success fr-mb-4w" role="status">
          <h2 class="fr-alert__title">Profil enregistré</h2>
          <p>
            {props.saved.length === 0
              ? 'Aucune valeur n’a changé.'
              : `Valeurs modifiées : ${props.saved.join(' ; ')}.`}
          </p>
        </div>
      )}
      {props.duplicate && (
        <div class="fr-alert fr-alert--info fr-mb-4w" role="status">
          <h2 class="fr-alert__title">Profil déjà enregistré</h2>
          <p>Ce formulaire avait déjà été envoyé : il n'a pas été appliqué une seconde fois.</p>
        </div>
      )}
      <ErrorSummary
        title={`Le profil n'a pas été enregistré : ${errors.length} point(s) à corriger`}
        errors={summary}
      />
      <section class="fr-mb-4w" aria-labelledby="identite">
        <h2 id="identite" class="fr-h4">
          Identité (renseignée par l'ARS / SESAN)
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
      <form method="post" action={props.action} noValidate aria-label="Formulaire d'initialisation">
        <HiddenFields csrf={props.csrf} submissionId={props.submissionId} basis={props.basis} />
        {plan.sections.map((section) => (
          <fieldset class="fr-fieldset form-section" key={section.title}>
            <legend class="fr-fieldset__legend">
              <span class="fr-h3">{section.title}</span>
              {section.description && <span class="fr-hint-text">{section.description}</span>}
            </legend>
            {section.questions.map((q) => (
              <div class="fr-fieldset__element" key={q.name}>
                <Question
                  question={q}
                  value={props.values[q.name]}
                  errors={errors.filter((e) => e.field === q.name)}
                />
              </div>
            ))}
          </fieldset>
        ))}
        <p class="fr-text--sm">{frPages.requiredFields}</p>
        <button type="submit" class="fr-btn">
          Enregistrer le profil
        </button>
      </form>
    </Layout>
  );
}
