// Export and import for the ARS / SESAN: the master workbook (.xlsx, the ARS's columns unlocked) and the history
// (CSV) to download, and a workbook edited offline to upload, previewed before anything is written.
import type { ImportIssue } from '../../domain/workbook/tracking-grid';
import { HiddenFields } from './form-fields';
import { Layout, type Chrome, type NavItem } from './layout';

export interface ExchangePageProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  xlsxHref: string;
  csvHref: string;
  importAction: string;
  csrf: string;
  maxMegabytes: number;
  notice?: { kind: 'success' | 'info'; text: string };
  /** The uploaded file was refused as a whole, or the import was cancelled: why. */
  errors?: { title: string; issues: ImportIssue[] };
}

export function ExchangePage(props: ExchangePageProps) {
  return (
    <Layout
      {...props.chrome}
      title="Export et import"
      hasErrors={!!props.errors}
      audience={props.audience}
      nav={props.nav}
    >
      <h1>Export et import</h1>
      {props.notice && (
        <div class={`fr-alert fr-alert--${props.notice.kind} fr-mb-3w`} role="status">
          <p>{props.notice.text}</p>
        </div>
      )}
      {props.errors && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h2 class="fr-alert__title">{props.errors.title}</h2>
          <ul>
            {props.errors.issues.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
      <h2>Télécharger</h2>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href={props.xlsxHref} download>
            Fichier de suivi (.xlsx)
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={props.csvHref} download>
            Historique des déclarations (.csv)
          </a>
        </li>
      </ul>
      <p>
        Le classeur reprend la présentation du fichier de suivi officiel ; seules vos colonnes y sont
        modifiables. Vous pouvez le compléter hors ligne, puis l'importer ci-dessous.
      </p>
      <h2 class="fr-mt-6w">Importer un fichier de suivi</h2>
      <form method="post" action={props.importAction} encType="multipart/form-data">
        <HiddenFields csrf={props.csrf} />
        <div class="fr-upload-group">
          <label class="fr-label" for="f-file">
            Classeur à importer
            <span class="fr-hint-text">
              Format .xlsx, {props.maxMegabytes} Mo au plus : un classeur exporté ici, ou un fichier de suivi
              au format officiel. Un aperçu de chaque modification s'affiche avant tout enregistrement.
            </span>
          </label>
          <input
            class="fr-upload"
            type="file"
            id="f-file"
            name="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          />
        </div>
        <button type="submit" class="fr-btn fr-mt-2w">
          Voir l'aperçu de l'import
        </button>
      </form>
    </Layout>
  );
}
