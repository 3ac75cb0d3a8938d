// The address without a link: what the service is and that everyone enters through a personal link. It lists no
// establishment and no link.
import { formatFrenchDate } from '../../domain/paris-time';
import type { Project } from '../../schema/project';
import { Layout, type Chrome } from './layout';

export function HomePage(props: { chrome: Chrome; project: Project }) {
  const { pilot, calendar } = props.project.config;
  return (
    <Layout {...props.chrome} title="Accueil">
      <h1>{props.chrome.service.name}</h1>
      <p class="fr-text--lead">
        Suivi de l'expérimentation « {pilot.name} » en {pilot.region}, du {formatFrenchDate(calendar.start)}{' '}
        au {formatFrenchDate(calendar.end)}.
      </p>
      <ul>
        <li>
          Chaque <strong>établissement</strong> déclare ses indicateurs chaque semaine avec son lien
          personnel.
        </li>
        <li>
          L'<strong>ARS / SESAN</strong> suit le fichier de suivi, la complétude et les relances.
        </li>
        <li>
          L'<strong>ANS</strong> consulte la synthèse nationale.
        </li>
      </ul>
      <div class="fr-callout">
        <p class="fr-callout__text">
          L'accès se fait uniquement par un lien personnel. Si vous n'avez pas le vôtre, demandez-le à votre
          binôme ARS / SESAN.
        </p>
      </div>
    </Layout>
  );
}
