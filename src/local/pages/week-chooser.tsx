// The week chooser of the ARS pages (a week to correct, a due week's late establishments): a GET form whose
// `semaine` select lists the weeks, the shown one selected. Drawn once so both pages read and behave alike.

export function WeekChooser(props: {
  /** Where the form goes (GET): the page itself, reading `semaine`. */
  action: string;
  /** The select's id, for its label. */
  id: string;
  label: string;
  weeks: readonly string[];
  /** The week shown, selected in the list. */
  week: string | undefined;
  submitLabel: string;
}) {
  return (
    <form method="get" action={props.action} class="fr-mb-3w chooser">
      <div class="fr-select-group">
        <label class="fr-label" for={props.id}>
          {props.label}
        </label>
        <select class="fr-select" id={props.id} name="semaine">
          {props.weeks.map((w) => (
            <option value={w} selected={w === props.week} key={w}>
              {w}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="fr-btn fr-btn--secondary">
        {props.submitLabel}
      </button>
    </form>
  );
}
