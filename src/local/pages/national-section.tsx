// The national part of the ANS summary: each region's freshness (its last file, or « suivie ici »), the filters
// (region, group, establishment type, use case), and every figure broken down by region — totals, completeness,
// the weekly evolution of each counter as a table region by region. Figures come from src/domain/national-summary.
import type { NationalFilter, NationalSummary } from '../../domain/national-summary';
import type { Summary } from '../../domain/summary';
import { TableFrame } from './table-frame';

export interface RegionFreshness {
  id: string;
  name: string;
  /** « Fichier exporté le … », or how the region is followed. */
  freshness: string;
  stale: boolean;
}

export interface NationalSectionProps {
  national: NationalSummary;
  freshness: RegionFreshness[];
  filter: NationalFilter;
  /** The page's own address, the filters' form target. */
  action: string;
  /** Earliest weeks left out of the completeness grid below (too many rows to draw them all). */
  gridWeeksHidden: number;
  /** The labels of the tracking file's region and group columns (one place for column labels). */
  regionLabel: string;
  groupLabel: string;
}

const fr = (n: number) => n.toLocaleString('fr-FR');
const percent = (rate: number | null) =>
  rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toLocaleString('fr-FR')} %`;

function Choice(props: {
  name: string;
  label: string;
  value?: string;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <div class="fr-select-group">
      <label class="fr-label" for={`filtre-${props.name}`}>
        {props.label}
      </label>
      <select class="fr-select" id={`filtre-${props.name}`} name={props.name}>
        <option value="">Tous</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function NationalSection(props: NationalSectionProps) {
  const { national, filter } = props;
  const counters: Summary['counters'] = national.summary.counters;
  const asText = (values: string[]) => values.map((v) => ({ value: v, label: v }));
  return (
    <section id="vue-nationale">
      <h2>Régions</h2>
      <TableFrame caption="Fraîcheur des données de chaque région">
        <thead>
          <tr>
            <th scope="col">{props.regionLabel}</th>
            <th scope="col">Données</th>
          </tr>
        </thead>
        <tbody>
          {props.freshness.map((r) => (
            <tr key={r.id} data-region={r.id}>
              <th scope="row">{r.name}</th>
              <td>{r.stale ? <strong>{r.freshness}</strong> : r.freshness}</td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
      <form method="get" action={props.action} class="fr-mt-4w" id="filtres">
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend">Filtrer la synthèse</legend>
          <Choice
            name="region"
            label={props.regionLabel}
            value={filter.region}
            options={national.choices.regions.map((r) => ({ value: r.id, label: r.name }))}
          />
          <Choice
            name="groupe"
            label={props.groupLabel}
            value={filter.group}
            options={asText(national.choices.groups)}
          />
          <Choice
            name="type"
            label="Type d'établissement"
            value={filter.esType}
            options={asText(national.choices.esTypes)}
          />
          <Choice
            name="cas"
            label="Cas d'usage"
            value={filter.useCase}
            options={asText(national.choices.useCases)}
          />
          <button class="fr-btn fr-btn--secondary" type="submit">
            Appliquer les filtres
          </button>
        </fieldset>
      </form>
      <h2 class="fr-mt-6w">Par région</h2>
      <TableFrame caption="Totaux et complétude par région">
        <thead>
          <tr>
            <th scope="col">{props.regionLabel}</th>
            <th scope="col">Établissements</th>
            <th scope="col">Lignes de suivi</th>
            {counters.map((c) => (
              <th scope="col" key={c.id}>
                {c.label}
              </th>
            ))}
            <th scope="col">Reçues à temps</th>
            <th scope="col">Reçues en retard</th>
            <th scope="col">Manquantes</th>
            <th scope="col">Complétude</th>
          </tr>
        </thead>
        <tbody>
          {national.regions.map((r) => (
            <tr key={r.id} data-region={r.id}>
              <th scope="row">{r.name}</th>
              <td>{fr(r.establishments)}</td>
              <td>{fr(r.rows)}</td>
              {counters.map((c) => (
                <td key={c.id} data-counter={c.id}>
                  {fr(r.totals[c.id] ?? 0)}
                </td>
              ))}
              <td>{fr(r.received)}</td>
              <td>{fr(r.late)}</td>
              <td>{fr(r.missing)}</td>
              <td data-completeness={r.id}>{percent(r.rate)}</td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
      {counters.map((c) => (
        <TableFrame key={c.id} caption={`Évolution hebdomadaire par région : ${c.label} (cumul)`}>
          <thead>
            <tr>
              <th scope="col">Semaine</th>
              {national.regions.map((r) => (
                <th scope="col" key={r.id}>
                  {r.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {national.summary.series.map((p, i) => (
              <tr key={p.week}>
                <th scope="row">{p.week}</th>
                {national.regions.map((r) => (
                  <td key={r.id}>{fr(r.series[i]?.totals[c.id] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </TableFrame>
      ))}
      {props.gridWeeksHidden > 0 && (
        <p class="fr-text--sm" id="grille-reduite">
          La grille de complétude par établissement, plus bas, montre les dernières semaines seulement (
          {props.gridWeeksHidden} semaine(s) plus anciennes omises) : filtrez par région pour la voir en
          entier. Le tableau par région ci-dessus compte toute la saison.
        </p>
      )}
    </section>
  );
}
