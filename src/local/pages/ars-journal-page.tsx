// The Journal for the ARS / SESAN: every ingestion, refusal, correction, cell change, reminder, newest first.
import { JOURNAL_KIND_LABELS, type JournalEntry } from '../../domain/model';
import { formatParisDateTime } from '../../domain/paris-time';
import { Layout, type Chrome, type NavItem } from './layout';
import { TableFrame } from './table-frame';

export function JournalPage(props: {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  entries: JournalEntry[];
  limit: number;
}) {
  return (
    <Layout {...props.chrome} title="Journal" audience={props.audience} nav={props.nav}>
      <h1>Journal</h1>
      <p>Les {props.limit} dernières opérations, de la plus récente à la plus ancienne.</p>
      <TableFrame caption="Journal des opérations" hideCaption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Type</th>
            <th scope="col">Auteur</th>
            <th scope="col">Cible</th>
            <th scope="col">Résumé</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e, i) => (
            <tr key={i}>
              <td>{formatParisDateTime(new Date(e.at))}</td>
              <td>{JOURNAL_KIND_LABELS[e.kind]}</td>
              <td>{e.actor}</td>
              <td>{e.target ?? ''}</td>
              <td class="multiline">{e.summary}</td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </Layout>
  );
}
