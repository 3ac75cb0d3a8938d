// The RETEX page of the ARS / SESAN: generate V1 or VF, see every version issued (the data each was built from,
// which one is in force) and download its frozen files (.docx, and PDF when LibreOffice made one), plus the way to
// the ARS's own sections. Draws what the routes give it; decides nothing.
import type { Milestone } from '../../domain/calendar';
import { HiddenFields } from './form-fields';
import { Layout, type Chrome, type NavItem } from './layout';

export interface RetexMilestoneChoice {
  id: Milestone;
  /** « Version intermédiaire (V1) » */
  label: string;
  /** The milestone day (JJ/MM/AAAA), its week, and until when data received counts (JJ/MM/AAAA HH:MM). */
  date: string;
  week: string;
  until: string;
}

export interface RetexFileLink {
  href: string;
  name: string;
  /** « 84 Ko » */
  size: string;
}

export interface RetexVersionView {
  label: string;
  milestone: Milestone;
  /** The latest version of its milestone: what a generation with nothing new keeps. */
  inForce: boolean;
  issuedAt: string;
  author: string;
  /** « Établi à partir de N déclaration(s)… » (the cross-cutting document's sentence). */
  dataBasis: string;
  documents: Array<{ title: string; crossCutting: boolean; docx?: RetexFileLink; pdf?: RetexFileLink }>;
  /** How many .docx are missing from the data folder, and where to ask for them. */
  missing: number;
  restoreAction: string;
}

export interface RetexNotice {
  kind: 'success' | 'info' | 'warning' | 'error';
  title?: string;
  lines: string[];
}

export interface RetexPageProps {
  chrome: Chrome;
  nav: NavItem[];
  audience: string;
  csrf: string;
  generateAction: string;
  milestones: RetexMilestoneChoice[];
  selected: Milestone;
  pdfAvailable: boolean;
  /** The ARS / SESAN texts to write; absent on the ANS's national RETEX, which quotes the regions' texts. */
  texts?: { href: string; toWrite: number; total: number; documents: number };
  /** The page's heading (« RETEX » unless told). */
  title?: string;
  versions: RetexVersionView[];
  notice?: RetexNotice;
}

function Notice({ notice }: { notice: RetexNotice }) {
  return (
    <div
      class={`fr-alert fr-alert--${notice.kind} fr-mb-4w`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
    >
      {notice.title && <h2 class="fr-alert__title">{notice.title}</h2>}
      {notice.lines.map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </div>
  );
}

function FileLink({ file, label }: { file: RetexFileLink; label: string }) {
  return (
    <a class="fr-link fr-link--download" href={file.href} download={file.name}>
      {label} <span class="fr-link__detail">{file.size}</span>
    </a>
  );
}

function Version({ version, csrf }: { version: RetexVersionView; csrf: string }) {
  const id = `version-${version.label.replace(/[^A-Za-z0-9]/g, '-')}`;
  return (
    <section class="fr-mb-6w" aria-labelledby={id}>
      <h4 id={id}>
        Version {version.label}
        {version.inForce && <span class="fr-badge fr-badge--success fr-badge--sm fr-ml-2w">En vigueur</span>}
      </h4>
      <p class="fr-mb-1w">
        Émise le {version.issuedAt} par {version.author}.
      </p>
      <p>{version.dataBasis}</p>
      <ul class="retex-files">
        {version.documents.map((d, i) => (
          <li key={i}>
            <span class={d.crossCutting ? 'fr-text--bold' : undefined}>{d.title}</span>
            {' — '}
            {d.docx ? (
              <FileLink file={d.docx} label="Document Word (.docx)" />
            ) : (
              <span class="fr-text--sm">fichier .docx absent du dossier de données</span>
            )}
            {d.pdf && (
              <>
                {' '}
                <FileLink file={d.pdf} label="PDF" />
              </>
            )}
          </li>
        ))}
      </ul>
      {version.missing > 0 && (
        <form method="post" action={version.restoreAction} class="fr-mt-2w">
          <HiddenFields csrf={csrf} />
          <p class="fr-text--sm">
            {version.missing} fichier(s) manquent : ils peuvent être réécrits depuis l'instantané figé de la
            version {version.label} (mêmes données, jamais des données plus récentes).
          </p>
          <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">
            Écrire les fichiers manquants de {version.label}
          </button>
        </form>
      )}
    </section>
  );
}

function TextsSection({ texts }: { texts: NonNullable<RetexPageProps['texts']> }) {
  return (
    <>
      <h2 class="fr-mt-6w">Textes de l'ARS / SESAN</h2>
      <p>
        {texts.toWrite === 0
          ? `Toutes les sections à rédiger des ${texts.documents} documents ont un texte.`
          : `${texts.toWrite} section(s) sur ${texts.total} restent à rédiger dans les ${texts.documents} documents.`}{' '}
        Chaque texte enregistré est repris à chaque génération, V1 comme VF.
      </p>
      <p>
        <a class="fr-link" href={texts.href}>
          Rédiger les sections de l'ARS / SESAN
        </a>
      </p>
    </>
  );
}

export function RetexPage(props: RetexPageProps) {
  const byMilestone = props.milestones.map((m) => ({
    milestone: m,
    versions: props.versions.filter((v) => v.milestone === m.id),
  }));
  return (
    <Layout
      {...props.chrome}
      title={props.title ?? 'RETEX'}
      hasErrors={props.notice?.kind === 'error'}
      audience={props.audience}
      nav={props.nav}
    >
      <h1>{props.title ?? 'RETEX'}</h1>
      {props.notice && <Notice notice={props.notice} />}
      <p>
        Les fiches de retour d'expérience sont pré-remplies à partir des données : une fiche par cas d'usage
        et une fiche transverse. Les sections à rédiger par l'ARS / SESAN y apparaissent comme des consignes
        tant que leur texte n'est pas écrit.
      </p>

      <h2>Générer</h2>
      <form method="post" action={props.generateAction}>
        <HiddenFields csrf={props.csrf} />
        <fieldset class="fr-fieldset" aria-labelledby="milestone-legend">
          <legend class="fr-fieldset__legend" id="milestone-legend">
            Jalon
          </legend>
          {props.milestones.map((m) => (
            <div class="fr-fieldset__element" key={m.id}>
              <div class="fr-radio-group">
                <input
                  type="radio"
                  id={`milestone-${m.id}`}
                  name="milestone"
                  value={m.id}
                  checked={m.id === props.selected}
                />
                <label class="fr-label" for={`milestone-${m.id}`}>
                  {m.label}
                  <span class="fr-hint-text">
                    Coupure au {m.date} (semaine {m.week}) : déclarations reçues jusqu'au {m.until}.
                  </span>
                </label>
              </div>
            </div>
          ))}
          {props.pdfAvailable && (
            <div class="fr-fieldset__element">
              <div class="fr-checkbox-group">
                <input type="checkbox" id="f-pdf" name="pdf" value="1" checked />
                <label class="fr-label" for="f-pdf">
                  Produire aussi les PDF
                  <span class="fr-hint-text">
                    Avec LibreOffice, installé sur ce serveur : compter une quinzaine de secondes de plus.
                  </span>
                </label>
              </div>
            </div>
          )}
        </fieldset>
        {!props.pdfAvailable && (
          <p class="fr-text--sm">
            LibreOffice n'est pas installé sur ce serveur : seuls les documents Word (.docx) sont produits.
          </p>
        )}
        <p class="fr-text--sm">
          Si rien n'a changé depuis la dernière version du jalon (déclarations, corrections, actions, textes
          de l'ARS), elle reste en vigueur ; sinon une nouvelle version numérotée est émise (V1, V1.1, V1.2…)
          et les précédentes restent téléchargeables telles qu'elles ont été émises.
        </p>
        <button type="submit" class="fr-btn">
          Générer le RETEX
        </button>
      </form>

      {props.texts && <TextsSection texts={props.texts} />}
      <h2 class="fr-mt-6w">Versions émises</h2>
      {byMilestone.map(({ milestone, versions }) => (
        <div key={milestone.id}>
          <h3>{milestone.label}</h3>
          {versions.length === 0 ? (
            <p>Aucune version émise pour le moment.</p>
          ) : (
            versions.map((v) => <Version version={v} csrf={props.csrf} key={v.label} />)
          )}
        </div>
      ))}
    </Layout>
  );
}
