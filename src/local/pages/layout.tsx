// The frame of every local page in the State design system (DSFR, served from node_modules under /dsfr/): skip
// links, header with the service name and the audience's navigation, main content, footer. Rendered by Preact,
// which escapes every text and attribute: no user text can become markup. No page uses dangerouslySetInnerHTML.
import type { ComponentChildren } from 'preact';

export interface NavItem {
  href: string;
  label: string;
  current?: boolean;
}

export interface LayoutProps {
  /** The page's own title; the <title> reads « title — service ». */
  title: string;
  /** Prefixes <title> with « Erreur : » so screen readers announce a refused form first. */
  hasErrors?: boolean;
  service: { name: string; tagline: string };
  /** Who the page is for (« Établissement : GH COCHIN », « ARS / SESAN »…), shown in the header. */
  audience?: string;
  nav?: NavItem[];
  /** Use the whole width of the window (the master grid). */
  wide?: boolean;
  /** The simulated date of a demo season, shown in a banner. */
  demoNow?: string;
  children: ComponentChildren;
}

/** The parts of the frame that come from the project and the clock, built once per request (server/chrome.ts). */
export type Chrome = Pick<LayoutProps, 'service' | 'demoNow'>;

export function Layout(props: LayoutProps) {
  const { title, service, nav = [] } = props;
  return (
    <html lang="fr" data-fr-scheme="light">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no,date=no,address=no,email=no,url=no" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.hasErrors ? 'Erreur : ' : ''}${title} — ${service.name}`}</title>
        <link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/dsfr/dsfr.min.css" />
        <link rel="stylesheet" href="/assets/theme.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        <script type="module" src="/dsfr/dsfr.module.min.js"></script>
        <script noModule src="/dsfr/dsfr.nomodule.min.js"></script>
      </head>
      <body>
        <div class="fr-skiplinks">
          <nav class="fr-container" aria-label="Accès rapide">
            <ul class="fr-skiplinks__list">
              <li>
                <a class="fr-link" href="#contenu">
                  Contenu
                </a>
              </li>
              {nav.length > 0 && (
                <li>
                  <a class="fr-link" href="#navigation">
                    Menu
                  </a>
                </li>
              )}
            </ul>
          </nav>
        </div>
        <header role="banner" class="fr-header">
          <div class="fr-header__body">
            <div class="fr-container">
              <div class="fr-header__body-row">
                <div class="fr-header__brand">
                  <div class="fr-header__brand-top">
                    <div class="fr-header__logo">
                      <p class="fr-logo">
                        République
                        <br />
                        Française
                      </p>
                    </div>
                    {nav.length > 0 && (
                      <div class="fr-header__navbar">
                        <button
                          type="button"
                          class="fr-btn--menu fr-btn"
                          data-fr-opened="false"
                          aria-controls="menu-modal"
                          id="menu-button"
                          title="Menu"
                        >
                          Menu
                        </button>
                      </div>
                    )}
                  </div>
                  <div class="fr-header__service">
                    <p class="fr-header__service-title">{service.name}</p>
                    <p class="fr-header__service-tagline">{service.tagline}</p>
                  </div>
                </div>
                {props.audience && nav.length > 0 && (
                  <div class="fr-header__tools">
                    <div class="fr-header__tools-links">
                      <p class="fr-badge fr-badge--blue-ecume audience">{props.audience}</p>
                    </div>
                  </div>
                )}
              </div>
            </div>
          </div>
          {nav.length > 0 && (
            <div class="fr-header__menu fr-modal" id="menu-modal" aria-labelledby="menu-button">
              <div class="fr-container">
                <button type="button" class="fr-btn--close fr-btn" aria-controls="menu-modal" title="Fermer">
                  Fermer
                </button>
                {/* The DSFR script copies the header tools (the audience) here on small screens. */}
                <div class="fr-header__menu-links"></div>
                <nav class="fr-nav" id="navigation" aria-label="Menu principal">
                  <ul class="fr-nav__list">
                    {nav.map((item) => (
                      <li class="fr-nav__item" key={item.href}>
                        <a
                          class="fr-nav__link"
                          href={item.href}
                          aria-current={item.current ? 'page' : undefined}
                        >
                          {item.label}
                        </a>
                      </li>
                    ))}
                  </ul>
                </nav>
              </div>
            </div>
          )}
        </header>
        <main
          id="contenu"
          class={props.wide ? 'fr-container--fluid fr-px-4w fr-py-4w' : 'fr-container fr-py-4w'}
          tabIndex={-1}
        >
          {props.demoNow && (
            <div class="fr-notice fr-notice--info fr-mb-3w">
              <div class="fr-notice__body">
                <p class="fr-notice__title">
                  Données de démonstration : la date simulée est le {props.demoNow}. Rien de ce qui est
                  affiché ne concerne un établissement réel.
                </p>
              </div>
            </div>
          )}
          {props.children}
        </main>
        <footer class="fr-footer" role="contentinfo">
          <div class="fr-container">
            <div class="fr-footer__body">
              <div class="fr-footer__brand">
                <p class="fr-logo">
                  République
                  <br />
                  Française
                </p>
              </div>
              <div class="fr-footer__content">
                <p class="fr-footer__content-desc">
                  {service.name} — suivi hebdomadaire de l'expérimentation, fichier de suivi et synthèse. Le
                  suivi ne contient aucune donnée de patient.
                </p>
              </div>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}
