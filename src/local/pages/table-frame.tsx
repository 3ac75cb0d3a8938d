// The DSFR table frame. Its scrolling container is focusable and named, so a keyboard user can scroll a wide
// table (the master grid has 27 columns) and a screen reader announces which table the region holds.
import type { ComponentChildren } from 'preact';

export function TableFrame(props: {
  caption: string;
  /** Keep the caption for screen readers only (a heading above already says it). */
  hideCaption?: boolean;
  bordered?: boolean;
  id?: string;
  children: ComponentChildren;
}) {
  return (
    <div
      class={`fr-table${props.hideCaption ? ' fr-table--no-caption' : ''}${props.bordered ? ' fr-table--bordered' : ''}`}
      id={props.id}
    >
      <div class="fr-table__wrapper">
        <div class="fr-table__container" tabIndex={0} role="region" aria-label={props.caption}>
          <div class="fr-table__content">
            <table>
              <caption>{props.caption}</caption>
              {props.children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
