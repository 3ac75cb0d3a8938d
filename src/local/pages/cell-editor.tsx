// A cell its owner edits in place (an ARS action, an ANS remark, an ARS identity field): the value, and behind a
// native disclosure (<details>, keyboard and screen-reader friendly, no script) a small form posting one cell.
import type { FormQuestion } from '../../domain/form-plan';
import type { FieldError } from '../../domain/messages';
import type { RawValue } from '../../domain/values';
import { HiddenFields, Question } from './form-fields';

/** A cell's question with the basis of the value it shows (src/domain/write-basis.ts), posted back with the edit. */
export type CellQuestion = FormQuestion & { basis: string };

export interface CellEditorProps {
  /** Unique on the page: anchors the cell (redirects come back to it) and prefixes its field ids. */
  id: string;
  question: CellQuestion;
  /** The current value as people read it. */
  text: string;
  /** Names the row for screen readers (« Modifier Actions en cours ou à mener — GH COCHIN »). */
  rowTitle: string;
  action: string;
  csrf: string;
  hidden: Record<string, string>;
  /** Refused edit coming back: the form is open with what was typed and the core's messages. */
  value?: RawValue;
  errors?: FieldError[];
}

export function CellEditor(props: CellEditorProps) {
  const errors = props.errors ?? [];
  return (
    <details class="cell-edit" id={props.id} open={errors.length > 0}>
      <summary>
        <span class="multiline">{props.text || '—'}</span>
        <span class="edit-label">
          Modifier
          <span class="fr-sr-only">
            {' '}
            « {props.question.title} » — {props.rowTitle}
          </span>
        </span>
      </summary>
      <form method="post" action={props.action} noValidate>
        <HiddenFields csrf={props.csrf} basis={props.question.basis} />
        {Object.entries(props.hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} key={name} />
        ))}
        <Question
          question={props.question}
          value={props.value ?? props.question.prefill}
          errors={errors}
          id={`${props.id}-value`}
        />
        <button type="submit" class="fr-btn fr-btn--sm">
          Enregistrer
          <span class="fr-sr-only">
            {' '}
            « {props.question.title} » — {props.rowTitle}
          </span>
        </button>
      </form>
    </details>
  );
}
