// The ES's own history: every version it (or the ARS, by correction) recorded, newest first, and its completeness
// week by week. Only the establishment behind the link: the plugin passes nothing else.
import type { CompletenessGrid } from '../../domain/completeness';
import type { ReportVersion } from '../../domain/model';
import { formatParisDateTime } from '../../domain/paris-time';
import { valueAsText } from '../../domain/values';
import type { Column } from '../../schema/tracking-file';
import { CompletenessTable } from './completeness-table';
import { Layout, type Chrome, type NavItem } from './layout';
import { TableFrame } from './table-frame';
import { frPages } from '../messages';

export interface HistoryPageProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  name: string;
  /** Newest first. */
  versions: Array<{ version: ReportVersion; rowTitle: string; href: string }>;
  counters: Column[];
  grid: CompletenessGrid;
}

const SOURCES: Record<ReportVersion['source'], string> = {
  form: 'formulaire',
  import: 'import',
  correction: 'correction ARS',
};

export function HistoryPage(props: HistoryPageProps) {
  return (
    <Layout {...props.chrome} title="Historique" audience={props.audience} nav={props.nav}>
      <h1>Historique des déclarations — {props.name}</h1>
      <h2>Déclarations reçues</h2>
      {props.versions.length === 0 ? (
        <p>Aucune déclaration pour l'instant.</p>
      ) : (
        <TableFrame caption="Déclarations reçues, de la plus récente à la plus ancienne" hideCaption>
          <thead>
            <tr>
              <th scope="col">Semaine</th>
              <th scope="col">Ligne de suivi</th>
              <th scope="col">Version</th>
              <th scope="col">Reçue le</th>
              <th scope="col">Source</th>
              {props.counters.map((c) => (
                <th scope="col" key={c.id}>
                  {c.label}
                </th>
              ))}
              <th scope="col">Avertissements et motif</th>
            </tr>
          </thead>
          <tbody>
            {props.versions.map(({ version, rowTitle, href }) => (
              <tr key={`${version.rowKey}/${version.week}/${version.version}`}>
                <th scope="row">
                  <a href={href}>{version.week}</a>
                </th>
                <td>{rowTitle}</td>
                <td>{version.version}</td>
                <td>{formatParisDateTime(new Date(version.receivedAt))}</td>
                <td>{SOURCES[version.source]}</td>
                {props.counters.map((c) => (
                  <td key={c.id}>{valueAsText(c, version.values[c.id])}</td>
                ))}
                <td class="multiline">
                  {[
                    ...(version.reason ? [`Motif : ${version.reason}`] : []),
                    ...version.warnings.map((w) => w.message),
                  ].join('\n')}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <h2 class="fr-mt-6w">{frPages.completenessHeading}</h2>
      <CompletenessTable
        grid={props.grid}
        caption="Complétude de vos déclarations"
        rowHeader="Ligne de suivi"
      />
    </Layout>
  );
}
