// The accompaniment pages of the ARS / SESAN: the week's agenda and « Mes établissements » (filtered by binôme),
// the binômes, the monthly committee pack; and one establishment's follow-up (its binôme, its points, its actions,
// the form to record a point). Every text typed by someone is rendered as text, never as HTML.
import {
  ACTION_OWNER_LABELS,
  ACTION_OWNERS,
  ACTION_STATUS_LABELS,
  binomeLabel,
  frenchDay,
  type AccompanimentError,
  type Binome,
  type FollowUpAction,
  type FollowUpPoint,
  type RawPoint,
} from '../../domain/accompaniment';
import type { EstablishmentFollowUp, WeekAgenda } from '../../domain/accompaniment-view';
import type { CommitteeIssue } from '../../domain/committee';
import { formatParisDateTime } from '../../domain/paris-time';
import { HiddenFields } from './form-fields';
import { Layout, type Chrome, type NavItem } from './layout';
import { TableFrame } from './table-frame';

export function AccErrors(props: { title: string; errors: readonly AccompanimentError[] }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert" id="erreurs">
      <h2 class="fr-alert__title">{props.title}</h2>
      <ul>
        {props.errors.map((e, i) => (
          <li key={i}>{e.message}</li>
        ))}
      </ul>
    </div>
  );
}

function Notice(props: { text: string | undefined }) {
  if (!props.text) return null;
  return (
    <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
      <p>{props.text}</p>
    </div>
  );
}

function Lines(props: { text: string }) {
  return <span class="multiline">{props.text}</span>;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function Agenda({ agenda }: { agenda: WeekAgenda }) {
  return (
    <section class="fr-mb-4w" aria-labelledby="agenda-title" id="agenda">
      <h2 id="agenda-title">
        Cette semaine (du {frenchDay(agenda.from)} au {frenchDay(agenda.to)})
      </h2>
      <ul>
        <li>
          Points de suivi à tenir cette semaine :{' '}
          {agenda.pointsDue.length === 0
            ? 'aucun'
            : agenda.pointsDue.map((l) => `${l.name} (${frenchDay(l.nextPoint)})`).join(', ')}
        </li>
        <li>
          Points en retard :{' '}
          {agenda.pointsOverdue.length === 0
            ? 'aucun'
            : agenda.pointsOverdue.map((l) => `${l.name} (prévu le ${frenchDay(l.nextPoint)})`).join(', ')}
        </li>
        <li>
          Actions en retard :{' '}
          {agenda.lateActions.length === 0
            ? 'aucune'
            : agenda.lateActions
                .map((a) => `${a.establishment} : ${a.action.text} (échéance ${frenchDay(a.action.dueDate)})`)
                .join(' ; ')}
        </li>
        <li>
          Prochain comité de suivi :{' '}
          {agenda.nextCommittee ? frenchDay(agenda.nextCommittee) : 'aucun date prévue dans la configuration'}
        </li>
        {agenda.nextPlenary && (
          <li>
            Prochaine plénière : {frenchDay(agenda.nextPlenary.date)} — {agenda.nextPlenary.label}
          </li>
        )}
        {agenda.nextMilestone && (
          <li>
            Prochain jalon RETEX : {agenda.nextMilestone.milestone} au {frenchDay(agenda.nextMilestone.date)}
          </li>
        )}
      </ul>
    </section>
  );
}

export interface OverviewProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  base: string;
  csrf: string;
  agenda: WeekAgenda;
  binomes: Binome[];
  selected: string | undefined;
  lines: EstablishmentFollowUp[];
  counterIds: string[];
  /** The tracking file's label of the vigilance points column. */
  vigilanceLabel: string;
  notice?: string;
  errors?: AccompanimentError[];
  binomeForm?: Record<string, string>;
  committee: { month: string; text: string; issues: CommitteeIssue[]; months: string[] };
}

export function AccompanimentOverviewPage(props: OverviewProps) {
  const acc = `${props.base}/accompagnement`;
  const selected = props.binomes.find((b) => b.id === props.selected);
  const f = props.binomeForm ?? {};
  return (
    <Layout {...props.chrome} title="Accompagnement" audience={props.audience} nav={props.nav} wide>
      <h1>Accompagnement des établissements</h1>
      <Notice text={props.notice} />
      <AccErrors title="L’enregistrement a été refusé" errors={props.errors ?? []} />
      <Agenda agenda={props.agenda} />

      <section class="fr-mb-4w" aria-labelledby="etablissements-title">
        <h2 id="etablissements-title">
          {selected ? `Mes établissements — ${binomeLabel(selected)}` : 'Tous les établissements'}
        </h2>
        <nav aria-label="Binômes" class="fr-mb-2w">
          <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
            <li>
              <a class="fr-btn fr-btn--tertiary" href={acc} aria-current={selected ? undefined : 'page'}>
                Tous
              </a>
            </li>
            {props.binomes.map((b) => (
              <li key={b.id}>
                <a
                  class="fr-btn fr-btn--tertiary"
                  href={`${acc}?binome=${encodeURIComponent(b.id)}`}
                  aria-current={b.id === props.selected ? 'page' : undefined}
                >
                  {binomeLabel(b)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p>
          <a
            class="fr-link fr-icon-calendar-line fr-link--icon-left"
            href={`${acc}/calendrier${selected ? `/${encodeURIComponent(selected.id)}` : ''}.ics`}
            download
          >
            Télécharger {selected ? 'les rendez-vous de ce binôme' : 'tous les rendez-vous'} (.ics)
          </a>
        </p>
        <TableFrame caption="Suivi des établissements" hideCaption bordered>
          <thead>
            <tr>
              <th scope="col">Établissement</th>
              <th scope="col">Binôme</th>
              <th scope="col">Déclaration</th>
              <th scope="col">Derniers chiffres (évolution sur une semaine)</th>
              <th scope="col">{props.vigilanceLabel}</th>
              <th scope="col">Actions en cours</th>
              <th scope="col">Dernier point</th>
              <th scope="col">Prochain point</th>
            </tr>
          </thead>
          <tbody>
            {props.lines.map((l) => (
              <tr key={l.establishmentId} data-establishment={l.establishmentId}>
                <th scope="row">
                  <a href={`${acc}/es/${encodeURIComponent(l.establishmentId)}`}>{l.name}</a>
                </th>
                <td>{l.binome ? binomeLabel(l.binome) : 'non attribué'}</td>
                <td>
                  {l.lateReport ? (
                    <p class="fr-badge fr-badge--error fr-badge--sm">en retard</p>
                  ) : (
                    <p class="fr-badge fr-badge--success fr-badge--sm">à jour</p>
                  )}
                  <br />
                  {l.lastReportWeek ?? 'aucune'}
                </td>
                <td>
                  <Lines
                    text={l.counters
                      .filter((c) => props.counterIds.includes(c.id))
                      .map(
                        (c) =>
                          `${c.label.replace(/^Cumul (nb|Nb) de /, '')} : ${c.value} (${signed(c.delta)})`,
                      )
                      .join('\n')}
                  />
                </td>
                <td>
                  <Lines text={l.vigilance ?? '—'} />
                </td>
                <td>
                  {l.openActions.length === 0
                    ? '—'
                    : `${l.openActions.length} en cours${l.lateActions.length > 0 ? `, dont ${l.lateActions.length} en retard` : ''}`}
                </td>
                <td>{l.lastPoint ? frenchDay(l.lastPoint.date) : 'aucun'}</td>
                <td>
                  {frenchDay(l.nextPoint)}
                  {l.pointOverdue && (
                    <>
                      <br />
                      <p class="fr-badge fr-badge--warning fr-badge--sm">en retard</p>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      </section>

      <section class="fr-mb-4w" aria-labelledby="comite-title" id="comite">
        <h2 id="comite-title">Comité de suivi mensuel</h2>
        <form method="post" action={`${acc}/comite`}>
          <HiddenFields csrf={props.csrf} />
          <div class="fr-select-group">
            <label class="fr-label" for="comite-mois">
              Mois du comité
            </label>
            <select class="fr-select" id="comite-mois" name="month">
              {props.committee.months.map((m) => (
                <option value={m} selected={m === props.committee.month} key={m}>
                  {m}
                </option>
              ))}
            </select>
          </div>
          <div class="fr-input-group">
            <label class="fr-label" for="comite-decisions">
              Décisions à prendre
              <span class="fr-hint-text">
                Rédigées par l’ARS avant la réunion ; reprises dans le dossier.
              </span>
            </label>
            <textarea class="fr-input" id="comite-decisions" name="text" rows={5}>
              {props.committee.text}
            </textarea>
          </div>
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button class="fr-btn fr-btn--secondary" type="submit" name="action" value="save">
                Enregistrer les décisions à prendre
              </button>
            </li>
            <li>
              <button class="fr-btn" type="submit" name="action" value="issue">
                Émettre le dossier du comité
              </button>
            </li>
          </ul>
        </form>
        {props.committee.issues.length > 0 && (
          <ul>
            {props.committee.issues.map((i) => (
              <li key={i.label}>
                Version {i.label} du {formatParisDateTime(new Date(i.issuedAt))} :{' '}
                <a href={`${acc}/comite/${encodeURIComponent(i.label)}/docx`}>.docx</a>
                {' · '}
                <a href={`${acc}/comite/${encodeURIComponent(i.label)}/pdf`}>PDF</a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="binomes-title" id="binomes">
        <h2 id="binomes-title">Binômes ARS / SESAN</h2>
        <TableFrame caption="Binômes" hideCaption>
          <thead>
            <tr>
              <th scope="col">Identifiant</th>
              <th scope="col">Agent ARS</th>
              <th scope="col">Agent SESAN</th>
            </tr>
          </thead>
          <tbody>
            {props.binomes.map((b) => (
              <tr key={b.id}>
                <td>{b.id}</td>
                <td>
                  {b.ars.name} — {b.ars.email}
                </td>
                <td>
                  {b.sesan.name} — {b.sesan.email}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
        <h3>Ajouter ou modifier un binôme</h3>
        <p>
          Avec l’identifiant d’un binôme existant, ses agents sont remplacés (l’ancienne version reste dans
          l’historique).
        </p>
        <form method="post" action={`${acc}/binomes`}>
          <HiddenFields csrf={props.csrf} />
          {(
            [
              ['id', 'Identifiant (minuscules, chiffres, tirets)'],
              ['label', 'Libellé (facultatif)'],
              ['arsName', 'Nom de l’agent ARS'],
              ['arsEmail', 'Adresse mail de l’agent ARS'],
              ['arsPhone', 'Téléphone de l’agent ARS (facultatif)'],
              ['sesanName', 'Nom de l’agent SESAN'],
              ['sesanEmail', 'Adresse mail de l’agent SESAN'],
              ['sesanPhone', 'Téléphone de l’agent SESAN (facultatif)'],
            ] as const
          ).map(([name, label]) => (
            <div class="fr-input-group" key={name}>
              <label class="fr-label" for={`binome-${name}`}>
                {label}
              </label>
              <input class="fr-input" id={`binome-${name}`} name={name} value={f[name] ?? ''} />
            </div>
          ))}
          <button class="fr-btn" type="submit">
            Enregistrer le binôme
          </button>
        </form>
      </section>
    </Layout>
  );
}

export interface EstablishmentPageProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  base: string;
  csrf: string;
  line: EstablishmentFollowUp;
  binomes: Binome[];
  points: FollowUpPoint[];
  actions: FollowUpAction[];
  notice?: string;
  errors?: AccompanimentError[];
  raw?: RawPoint;
  today: string;
}

const ACTION_LINES = 3;

function ActionsTable(props: { actions: FollowUpAction[]; csrf: string; acc: string; today: string }) {
  return (
    <TableFrame caption="Actions" hideCaption bordered>
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Porteur</th>
          <th scope="col">Échéance</th>
          <th scope="col">Statut</th>
          <th scope="col">Historique</th>
          <th scope="col">Changer le statut</th>
        </tr>
      </thead>
      <tbody>
        {props.actions.map((a) => (
          <tr key={a.id} data-action={a.id}>
            <td>
              <Lines text={a.text} />
            </td>
            <td>{ACTION_OWNER_LABELS[a.owner]}</td>
            <td>
              {frenchDay(a.dueDate)}
              {a.status === 'open' && a.dueDate < props.today && (
                <>
                  <br />
                  <p class="fr-badge fr-badge--error fr-badge--sm">en retard</p>
                </>
              )}
            </td>
            <td>{ACTION_STATUS_LABELS[a.status]}</td>
            <td>
              <Lines
                text={a.history
                  .map(
                    (h) =>
                      `${formatParisDateTime(new Date(h.at))} : ${ACTION_STATUS_LABELS[h.status]} (${h.author})${h.comment ? ` — ${h.comment}` : ''}`,
                  )
                  .join('\n')}
              />
            </td>
            <td>
              <form method="post" action={`${props.acc}/actions/${encodeURIComponent(a.id)}`}>
                <HiddenFields csrf={props.csrf} />
                <input type="hidden" name="version" value={String(a.version)} />
                <label class="fr-label fr-sr-only" for={`statut-${a.id}`}>
                  Nouveau statut
                </label>
                <select class="fr-select" id={`statut-${a.id}`} name="status">
                  {(['done', 'dropped', 'open'] as const)
                    .filter((s) => s !== a.status)
                    .map((s) => (
                      <option value={s} key={s}>
                        {ACTION_STATUS_LABELS[s]}
                      </option>
                    ))}
                </select>
                <label class="fr-label fr-sr-only" for={`commentaire-${a.id}`}>
                  Commentaire
                </label>
                <input class="fr-input" id={`commentaire-${a.id}`} name="comment" placeholder="Commentaire" />
                <button class="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w" type="submit">
                  Enregistrer
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}

export function AccompanimentEstablishmentPage(props: EstablishmentPageProps) {
  const acc = `${props.base}/accompagnement`;
  const es = `${acc}/es/${encodeURIComponent(props.line.establishmentId)}`;
  const raw = props.raw ?? {};
  const rawActions = raw.actions ?? [];
  return (
    <Layout
      {...props.chrome}
      title={`Accompagnement — ${props.line.name}`}
      audience={props.audience}
      nav={props.nav}
      wide
    >
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={acc}>
          Tous les établissements
        </a>
      </p>
      <h1>{props.line.name}</h1>
      <Notice text={props.notice} />
      <AccErrors title="L’enregistrement a été refusé" errors={props.errors ?? []} />
      <p>
        Dernier point : {props.line.lastPoint ? frenchDay(props.line.lastPoint.date) : 'aucun'} — prochain
        point : <strong>{frenchDay(props.line.nextPoint)}</strong>
        {props.line.pointOverdue ? ' (en retard)' : ''}
      </p>

      <form method="post" action={`${es}/binome`} class="fr-mb-4w">
        <HiddenFields csrf={props.csrf} />
        <div class="fr-select-group">
          <label class="fr-label" for="binome">
            Binôme ARS / SESAN qui suit l’établissement
          </label>
          <select class="fr-select" id="binome" name="binome">
            <option value="" selected={!props.line.binome}>
              aucun
            </option>
            {props.binomes.map((b) => (
              <option value={b.id} selected={b.id === props.line.binome?.id} key={b.id}>
                {binomeLabel(b)}
              </option>
            ))}
          </select>
        </div>
        <button class="fr-btn fr-btn--secondary" type="submit">
          Changer de binôme
        </button>
      </form>

      <h2>Actions</h2>
      {props.actions.length === 0 ? (
        <p>Aucune action pour l’instant.</p>
      ) : (
        <ActionsTable actions={props.actions} csrf={props.csrf} acc={acc} today={props.today} />
      )}

      <h2 id="nouveau-point">Enregistrer un point de suivi</h2>
      <form method="post" action={`${es}/points`} id="form-point">
        <HiddenFields csrf={props.csrf} />
        <div class="fr-input-group">
          <label class="fr-label" for="point-date">
            Date du point
          </label>
          <input
            class="fr-input"
            type="date"
            id="point-date"
            name="date"
            value={raw.date ?? props.today}
            required
          />
        </div>
        <div class="fr-input-group">
          <label class="fr-label" for="point-participants">
            Participants
          </label>
          <input
            class="fr-input"
            id="point-participants"
            name="participants"
            value={raw.participants ?? ''}
          />
        </div>
        <div class="fr-input-group">
          <label class="fr-label" for="point-summary">
            Compte rendu
          </label>
          <textarea class="fr-input" id="point-summary" name="summary" rows={4}>
            {raw.summary ?? ''}
          </textarea>
        </div>
        <div class="fr-input-group">
          <label class="fr-label" for="point-decisions">
            Décisions
          </label>
          <textarea class="fr-input" id="point-decisions" name="decisions" rows={3}>
            {raw.decisions ?? ''}
          </textarea>
        </div>
        <div class="fr-input-group">
          <label class="fr-label" for="point-next">
            Date du prochain point
            <span class="fr-hint-text">Facultatif : sinon la cadence de la configuration s’applique.</span>
          </label>
          <input class="fr-input" type="date" id="point-next" name="nextDate" value={raw.nextDate ?? ''} />
        </div>
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend">Actions décidées (laisser vide les lignes inutiles)</legend>
          {Array.from({ length: ACTION_LINES }, (_, i) => {
            const a = rawActions[i] ?? {};
            return (
              <div class="fr-fieldset__element" key={i}>
                <div class="fr-input-group">
                  <label class="fr-label" for={`action-${i}-text`}>
                    Action {i + 1}
                  </label>
                  <input
                    class="fr-input"
                    id={`action-${i}-text`}
                    name={`action.${i}.text`}
                    value={a.text ?? ''}
                  />
                </div>
                <div class="fr-select-group">
                  <label class="fr-label" for={`action-${i}-owner`}>
                    Porteur de l’action {i + 1}
                  </label>
                  <select class="fr-select" id={`action-${i}-owner`} name={`action.${i}.owner`}>
                    {ACTION_OWNERS.map((o) => (
                      <option value={o} selected={o === (a.owner ?? 'es')} key={o}>
                        {ACTION_OWNER_LABELS[o]}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="fr-input-group">
                  <label class="fr-label" for={`action-${i}-due`}>
                    Échéance de l’action {i + 1}
                  </label>
                  <input
                    class="fr-input"
                    type="date"
                    id={`action-${i}-due`}
                    name={`action.${i}.dueDate`}
                    value={a.dueDate ?? ''}
                  />
                </div>
              </div>
            );
          })}
        </fieldset>
        <button class="fr-btn" type="submit">
          Enregistrer le point
        </button>
      </form>

      <h2 class="fr-mt-4w">Points de suivi tenus</h2>
      {props.points.length === 0 ? (
        <p>Aucun point de suivi enregistré.</p>
      ) : (
        props.points.map((p) => (
          <div class="fr-card fr-mb-2w" key={p.id}>
            <div class="fr-card__body">
              <div class="fr-card__content">
                <h3 class="fr-card__title">Point du {frenchDay(p.date)}</h3>
                <p class="fr-card__desc">
                  <strong>Participants :</strong> {p.participants || '—'}
                  <br />
                  <strong>Compte rendu :</strong> <Lines text={p.summary} />
                  <br />
                  <strong>Décisions :</strong> <Lines text={p.decisions || '—'} />
                  <br />
                  <strong>Prochain point :</strong> {p.nextDate ? frenchDay(p.nextDate) : 'selon la cadence'}
                </p>
              </div>
            </div>
          </div>
        ))
      )}
    </Layout>
  );
}
