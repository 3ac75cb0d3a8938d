// One declared week as the ES sees it once recorded: every value under its verbatim label, the soft warnings the
// core raised (kept with the report, shown to the ARS too), and for a correction the ARS's reason.
import type { ReportVersion } from '../../domain/model';
import { formatParisDateTime } from '../../domain/paris-time';
import { valueAsText } from '../../domain/values';
import { describeWeek } from '../../domain/iso-week';
import type { Column } from '../../schema/tracking-file';
import { Layout, type Chrome, type NavItem } from './layout';
import { TableFrame } from './table-frame';

export interface ReportPageProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  rowTitle: string;
  version: ReportVersion;
  columns: Column[];
  /** Just recorded (after a submission), or a repeated submission that was ignored. */
  notice?: 'saved' | 'duplicate';
  formHref: string;
  historyHref: string;
}

const SOURCES: Record<ReportVersion['source'], string> = {
  form: 'formulaire',
  import: 'import de fichier',
  correction: 'correction par l’ARS / SESAN',
};

export function ReportPage(props: ReportPageProps) {
  const { version } = props;
  return (
    <Layout {...props.chrome} title={`Déclaration ${version.week}`} audience={props.audience} nav={props.nav}>
      {props.notice === 'saved' && (
        <div class="fr-alert fr-alert--success fr-mb-4w" role="status">
          <h2 class="fr-alert__title">Déclaration enregistrée</h2>
          <p>Merci. Voici ce qui a été enregistré pour {describeWeek(version.week)}.</p>
        </div>
      )}
      {props.notice === 'duplicate' && (
        <div class="fr-alert fr-alert--info fr-mb-4w" role="status">
          <h2 class="fr-alert__title">Déclaration déjà reçue</h2>
          <p>Ce formulaire avait déjà été envoyé : il n'a pas été enregistré une seconde fois.</p>
        </div>
      )}
      <h1>
        {props.rowTitle} — {version.week}
      </h1>
      <p>
        Version {version.version}, reçue le {formatParisDateTime(new Date(version.receivedAt))} (
        {SOURCES[version.source]}
        {version.source === 'correction' ? `, ${version.author}` : ''}).
      </p>
      {version.reason && (
        <p>
          <strong>Motif de la correction :</strong> {version.reason}
        </p>
      )}
      {version.warnings.length > 0 && (
        <div class="fr-alert fr-alert--warning fr-mb-4w">
          <h2 class="fr-alert__title">À vérifier (la déclaration est bien enregistrée)</h2>
          <ul>
            {version.warnings.map((w) => (
              <li key={w.code}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      <TableFrame caption="Valeurs enregistrées" hideCaption>
        <thead>
          <tr>
            <th scope="col">Colonne du fichier de suivi</th>
            <th scope="col">Valeur</th>
          </tr>
        </thead>
        <tbody>
          {props.columns.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.label}</th>
              <td class="multiline">{valueAsText(c, version.values[c.id]) || '—'}</td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn fr-btn--secondary" href={props.formHref}>
            Modifier cette semaine
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--tertiary" href={props.historyHref}>
            Voir l'historique
          </a>
        </li>
      </ul>
    </Layout>
  );
}
