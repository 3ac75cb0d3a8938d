// Draws one question of a core FormPlan (src/domain/form-plan.ts) as DSFR form controls: the label is the
// column's verbatim label, the hint the form's help text, last week's value beside counters, and each of the core's
// French messages under its own field (aria-describedby, aria-invalid). `value` is what the field shows: the plan's
// prefill, or what the person typed when the form comes back refused.
import type { FormQuestion } from '../../domain/form-plan';
import type { FieldError } from '../../domain/messages';
import { isRecordList, type RawValue, type RecordEntry } from '../../domain/values';

/** The HTML id of a field from its submission name (`es_contact.0.email` → `f-es_contact-0-email`). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Submission name of one field of one entry of a record question. */
export function recordFieldName(question: string, index: number, field: string): string {
  return `${question}.${index}.${field}`;
}

function Messages(props: { id: string; errors: FieldError[] }) {
  return (
    <div class="fr-messages-group" id={`${props.id}-messages`} aria-live="polite">
      {props.errors.map((e, i) => (
        <p class="fr-message fr-message--error" id={`${props.id}-error-${i}`} key={i}>
          {e.message}
        </p>
      ))}
    </div>
  );
}

function Hint(props: { question: FormQuestion }) {
  const { question } = props;
  const extra =
    question.input.kind === 'integer' ? question.input.patternHelp : question.required ? '' : 'Facultatif.';
  return (
    <span class="fr-hint-text">
      {question.help}
      {extra && ` ${extra}`}
    </span>
  );
}

const asText = (value: RawValue): string =>
  typeof value === 'string'
    ? value
    : Array.isArray(value) && typeof value[0] === 'string'
      ? String(value[0])
      : '';

const asList = (value: RawValue): string[] =>
  typeof value === 'string'
    ? value
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : Array.isArray(value)
      ? (value as readonly unknown[]).filter((v): v is string => typeof v === 'string' && v.trim() !== '')
      : [];

export interface QuestionProps {
  question: FormQuestion;
  value: RawValue;
  errors: FieldError[];
  /** HTML id of the field when one page holds several fields of the same name (cells edited in place). */
  id?: string;
}

export function Question({ question, value, errors, id: givenId }: QuestionProps) {
  const id = givenId ?? fieldId(question.name);
  const invalid = errors.length > 0;
  const describedBy = `${id}-messages`;
  const input = question.input;
  switch (input.kind) {
    case 'text':
    case 'integer':
    case 'date':
    case 'paragraph': {
      const common = {
        id,
        name: question.name,
        class: `fr-input${invalid ? ' fr-input--error' : ''}`,
        'aria-describedby': describedBy,
        'aria-invalid': invalid ? ('true' as const) : undefined,
        'aria-required': question.required ? ('true' as const) : undefined,
      };
      return (
        <div class={`fr-input-group${invalid ? ' fr-input-group--error' : ''}`}>
          <label class="fr-label" for={id}>
            {question.title}
            {question.required && <span aria-hidden="true"> *</span>}
            <Hint question={question} />
          </label>
          {input.kind === 'paragraph' ? (
            <textarea {...common} rows={4}>
              {asText(value)}
            </textarea>
          ) : input.kind === 'integer' ? (
            <input {...common} type="text" inputMode="numeric" autoComplete="off" value={asText(value)} />
          ) : input.kind === 'date' ? (
            <input {...common} type="date" value={asText(value)} />
          ) : (
            <>
              <input
                {...common}
                type="text"
                value={asText(value)}
                list={input.suggestions.length > 0 ? `${id}-suggestions` : undefined}
              />
              {input.suggestions.length > 0 && (
                <datalist id={`${id}-suggestions`}>
                  {input.suggestions.map((s) => (
                    <option value={s} key={s} />
                  ))}
                </datalist>
              )}
            </>
          )}
          {question.previous && (
            <p class="fr-text--sm fr-mb-0 previous-value" id={`${id}-previous`}>
              Semaine précédente : <strong>{question.previous.text}</strong>
            </p>
          )}
          <Messages id={id} errors={errors} />
        </div>
      );
    }
    case 'select': {
      const chosen = asText(value);
      return (
        <div class={`fr-select-group${invalid ? ' fr-select-group--error' : ''}`}>
          <label class="fr-label" for={id}>
            {question.title}
            {question.required && <span aria-hidden="true"> *</span>}
            <Hint question={question} />
          </label>
          <select
            class={`fr-select${invalid ? ' fr-select--error' : ''}`}
            id={id}
            name={question.name}
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
            aria-required={question.required ? 'true' : undefined}
          >
            {!input.options.some((o) => o.value === chosen) && (
              <option value="" selected>
                Sélectionner une option
              </option>
            )}
            {input.options.map((o) => (
              <option value={o.value} selected={o.value === chosen} key={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <Messages id={id} errors={errors} />
        </div>
      );
    }
    case 'checkboxes': {
      const chosen = asList(value);
      const others = chosen.filter((c) => !input.options.includes(c));
      return (
        <fieldset
          class={`fr-fieldset${invalid ? ' fr-fieldset--error' : ''}`}
          id={id}
          aria-labelledby={`${id}-legend ${describedBy}`}
        >
          <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legend`}>
            {question.title}
            {question.required && <span aria-hidden="true"> *</span>}
            <Hint question={question} />
          </legend>
          {input.options.map((option, i) => (
            <div class="fr-fieldset__element" key={option}>
              <div class="fr-checkbox-group">
                <input
                  type="checkbox"
                  id={`${id}-${i}`}
                  name={question.name}
                  value={option}
                  checked={chosen.includes(option)}
                />
                <label class="fr-label" for={`${id}-${i}`}>
                  {option}
                </label>
              </div>
            </div>
          ))}
          {input.allowOther && (
            <div class="fr-fieldset__element">
              <div class="fr-input-group">
                <label class="fr-label" for={`${id}-other`}>
                  Autre (précisez)
                </label>
                <input
                  class="fr-input"
                  type="text"
                  id={`${id}-other`}
                  name={question.name}
                  value={others.join(' ; ')}
                />
              </div>
            </div>
          )}
          <Messages id={id} errors={errors} />
        </fieldset>
      );
    }
    case 'record': {
      const entries: readonly RecordEntry[] = isRecordList(value) ? value : [];
      const count = input.max > 1 ? Math.min(input.max, entries.length + 1) : 1;
      return (
        <fieldset
          class={`fr-fieldset${invalid ? ' fr-fieldset--error' : ''}`}
          id={id}
          aria-labelledby={`${id}-legend ${describedBy}`}
        >
          <legend class="fr-fieldset__legend" id={`${id}-legend`}>
            {question.title}
            {question.required && <span aria-hidden="true"> *</span>}
            <Hint question={question} />
          </legend>
          {Array.from({ length: count }, (_, index) => (
            <fieldset class="fr-fieldset record-entry" key={index} aria-labelledby={`${id}-${index}-legend`}>
              <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-${index}-legend`}>
                {input.max > 1 ? `Contact n° ${index + 1}` : 'Détail'}
                {input.max > 1 &&
                  index >= entries.length &&
                  ' (facultatif : laissez vide pour ne rien ajouter)'}
              </legend>
              {input.fields.map((field) => {
                const name = recordFieldName(question.name, index, field.id);
                const fid = `${id}-${index}-${field.id}`;
                return (
                  <div class="fr-fieldset__element fr-fieldset__element--inline" key={field.id}>
                    <div class="fr-input-group">
                      <label class="fr-label" for={fid}>
                        {field.label}
                        {field.required && <span aria-hidden="true"> *</span>}
                      </label>
                      <input
                        class="fr-input"
                        id={fid}
                        name={name}
                        type={field.kind === 'email' ? 'email' : field.kind === 'phone' ? 'tel' : 'text'}
                        autoComplete={
                          field.kind === 'email' ? 'email' : field.kind === 'phone' ? 'tel' : 'off'
                        }
                        value={entries[index]?.[field.id] ?? ''}
                      />
                    </div>
                  </div>
                );
              })}
            </fieldset>
          ))}
          <Messages id={id} errors={errors} />
        </fieldset>
      );
    }
  }
}

/** The list of refusals at the top of a form, each linking to its field. */
export function ErrorSummary(props: { title: string; errors: Array<FieldError & { target?: string }> }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert" id="erreurs">
      <h2 class="fr-alert__title">{props.title}</h2>
      <ul>
        {props.errors.map((e, i) => (
          <li key={i}>{e.target ? <a href={`#${e.target}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** Hidden fields every form carries: the CSRF token and, for submissions, the idempotency key. */
/** `basis`: what the form shows, for the lost-update check (src/domain/write-basis.ts, BASIS_FIELD). */
export function HiddenFields(props: { csrf: string; submissionId?: string; basis?: string }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.submissionId && <input type="hidden" name="submission_id" value={props.submissionId} />}
      {props.basis !== undefined && <input type="hidden" name="basis" value={props.basis} />}
    </>
  );
}
