// What an establishment sees of its accompaniment: its binôme, the date of its next follow-up point and its open
// actions, read-only, except that it marks an action it carries as done, with a comment.
import { ACTION_OWNER_LABELS, frenchDay, type AccompanimentError } from '../../domain/accompaniment';
import type { EstablishmentAccompaniment } from '../../domain/accompaniment-view';
import { AccErrors } from './ars-accompaniment-page';
import { HiddenFields } from './form-fields';
import { Layout, type Chrome, type NavItem } from './layout';
import { TableFrame } from './table-frame';

export function EsAccompanimentPage(props: {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  base: string;
  csrf: string;
  view: EstablishmentAccompaniment;
  today: string;
  notice?: string;
  errors?: AccompanimentError[];
}) {
  const { view } = props;
  return (
    <Layout {...props.chrome} title="Suivi ARS" audience={props.audience} nav={props.nav}>
      <h1>Suivi par l’ARS et SESAN</h1>
      {props.notice && (
        <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      <AccErrors title="L’action n’a pas été modifiée" errors={props.errors ?? []} />
      <p>
        Binôme qui vous accompagne : {view.binome ?? 'pas encore attribué'}.
        <br />
        Prochain point de suivi : <strong id="prochain-point">{frenchDay(view.nextPoint)}</strong>.
      </p>
      <h2>Actions en cours</h2>
      {view.openActions.length === 0 ? (
        <p>Aucune action en cours.</p>
      ) : (
        <TableFrame caption="Actions en cours" hideCaption bordered>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Porteur</th>
              <th scope="col">Échéance</th>
              <th scope="col">Faite ?</th>
            </tr>
          </thead>
          <tbody>
            {view.openActions.map((a) => (
              <tr key={a.id} data-action={a.id}>
                <td class="multiline">{a.text}</td>
                <td>{ACTION_OWNER_LABELS[a.owner]}</td>
                <td>
                  {frenchDay(a.dueDate)}
                  {a.dueDate < props.today ? ' (dépassée)' : ''}
                </td>
                <td>
                  {a.owner === 'es' ? (
                    <form
                      method="post"
                      action={`${props.base}/accompagnement/actions/${encodeURIComponent(a.id)}`}
                    >
                      <HiddenFields csrf={props.csrf} />
                      <input type="hidden" name="version" value={String(a.version)} />
                      <div class="fr-input-group">
                        <label class="fr-label" for={`commentaire-${a.id}`}>
                          Commentaire (facultatif)
                        </label>
                        <input class="fr-input" id={`commentaire-${a.id}`} name="comment" />
                      </div>
                      <button class="fr-btn fr-btn--sm" type="submit">
                        Marquer comme faite
                      </button>
                    </form>
                  ) : (
                    'suivie par l’ARS / SESAN'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </Layout>
  );
}
