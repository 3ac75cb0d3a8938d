// The national summary for the ANS, read-only: totals of the cumulative counters, the weekly evolution as charts
// (with the same figures in a table), the latest values of each row, and completeness. Computed by the core from
// the rows' ledgers (src/domain/summary.ts, completeness.ts).
import type { CompletenessGrid } from '../../domain/completeness';
import { SUMMARY_TITLES, type Summary } from '../../domain/summary';
import type { ComponentChildren } from 'preact';
import { CompletenessTable } from './completeness-table';
import { Layout, type Chrome, type NavItem } from './layout';
import { LineChart } from './line-chart';
import { TableFrame } from './table-frame';

export interface SummaryPageProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  summary: Summary;
  grid: CompletenessGrid;
  computedAt: string;
  /** The master workbook as .xlsx, the ANS's own columns unlocked. */
  downloadHref: string;
  /** The national part (regions, filters, breakdown by region: national-section.tsx). */
  national?: ComponentChildren;
  /** Region name of each row, to group the latest values by region. */
  regionOfRow?: ReadonlyMap<string, string>;
  /** The label of the tracking file's region column, heading the region of each row. */
  regionLabel?: string;
}

const fr = (n: number) => n.toLocaleString('fr-FR');

export function SummaryPage(props: SummaryPageProps) {
  const { summary } = props;
  return (
    <Layout {...props.chrome} title="Synthèse nationale" audience={props.audience} nav={props.nav}>
      <h1>Synthèse nationale</h1>
      <p>
        Données jusqu'à la semaine {summary.asOfWeek ?? '—'}, calculées le {props.computedAt}. Les compteurs
        sont des cumuls depuis le début de l'expérimentation ; un établissement qui n'a pas déclaré une
        semaine compte pour sa dernière valeur connue.
      </p>
      <p>
        <a class="fr-btn fr-btn--secondary" href={props.downloadHref} download>
          Télécharger le fichier de suivi (.xlsx)
        </a>
      </p>
      {props.national}
      <h2>Totaux des indicateurs</h2>
      <ul class="kpis" id="totaux">
        {summary.counters.map((c) => (
          <li key={c.id}>
            <span class="kpi-label">{c.label}</span>
            <span class="kpi-value" data-counter={c.id}>
              {fr(summary.totals[c.id] ?? 0)}
            </span>
          </li>
        ))}
      </ul>
      <h2 class="fr-mt-6w">{SUMMARY_TITLES.series}</h2>
      <div class="charts">
        {summary.counters.map((c) => (
          <figure key={c.id}>
            <LineChart
              id={`chart-${c.id}`}
              title={c.label}
              points={summary.series.map((p) => ({ label: p.week, value: p.totals[c.id] ?? 0 }))}
            />
            <figcaption class="fr-text--sm">{c.label}</figcaption>
          </figure>
        ))}
      </div>
      <TableFrame caption="Données des graphiques : totaux cumulés par semaine">
        <thead>
          <tr>
            <th scope="col">Semaine</th>
            <th scope="col">Établissements ayant déclaré</th>
            {summary.counters.map((c) => (
              <th scope="col" key={c.id}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.series.map((p) => (
            <tr key={p.week}>
              <th scope="row">{p.week}</th>
              <td>{p.reporting}</td>
              {summary.counters.map((c) => (
                <td key={c.id}>{fr(p.totals[c.id] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </TableFrame>
      <h2 class="fr-mt-6w">{SUMMARY_TITLES.latest}</h2>
      <TableFrame caption="Dernières valeurs déclarées par ligne de suivi" hideCaption>
        <thead>
          <tr>
            {props.regionOfRow && <th scope="col">{props.regionLabel}</th>}
            <th scope="col">Établissement</th>
            <th scope="col">Semaine</th>
            {summary.counters.map((c) => (
              <th scope="col" key={c.id}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.latest.map((r) => (
            <tr key={r.rowKey}>
              {props.regionOfRow && <td>{props.regionOfRow.get(r.rowKey) ?? ''}</td>}
              <th scope="row">{r.title}</th>
              <td>{r.week ?? 'aucune déclaration'}</td>
              {summary.counters.map((c) => (
                <td key={c.id}>{fr(r.counters[c.id] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </TableFrame>
      <h2 class="fr-mt-6w">Complétude des déclarations</h2>
      <CompletenessTable grid={props.grid} caption={SUMMARY_TITLES.completeness} />
    </Layout>
  );
}
