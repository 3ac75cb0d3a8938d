// The Google behaviour checks (smokeGoogle, src/apps-script/smoke.ts) run on the default bundle and the emulator:
// there every check must conform, since a difference on a real account is meant to be a difference between the
// emulator and Google; the report they return is what `npm run smoke:google` reads; and each new check can fail
// (a slower Google, a bigger linked tab) rather than pass by construction.
import fs from 'node:fs';
import path from 'node:path';
import { EXECUTION_LIMIT_MS, LATENCY_TABLE, type CallClass } from '../../src/apps-script/latency-model';
import type { SmokeCheck, SmokeReport } from '../../src/google/smoke-report';
import { ASSUMED_LINKED_TAB, CELL_CHARACTER_LIMIT, LATENCY_TOLERANCE } from '../../src/apps-script/smoke';
import { frAppsScript } from '../../src/apps-script/messages';
import { judgeReport, readClaspRunOutput } from '../../src/node/smoke-google';
import { loadBundle, type GasBundle } from '../support/gas/bundle';
import { createGasEnvironment, type GasEnvironment } from '../support/gas/environment';
import { CELL_MAX_CHARACTERS, DEFAULT_COLUMNS, DEFAULT_ROWS } from '../support/gas/sheet-data';
import { paris } from '../support/apps-script/season';

function installed(): { env: GasEnvironment; bundle: GasBundle } {
  const env = createGasEnvironment({ now: paris('2022-05-12', 10) });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env);
  bundle.run('onOpen', [], { ui: true });
  bundle.run('install', [], { ui: true });
  return { env, bundle };
}

function smoke(bundle: GasBundle): SmokeReport {
  return bundle.run('smokeGoogle', [], { ui: true }) as SmokeReport;
}

const byName = (report: SmokeReport, prefix: string): SmokeCheck[] =>
  report.checks.filter((c) => c.name.startsWith(prefix));
const isPublishing = (c: SmokeCheck) => /setPublished/.test(c.name);
/** The latency checks judged against the model (the other durations are measurements). */
const latencyChecks = (report: SmokeReport) =>
  report.checks.filter((c) => c.name.startsWith('Durée : ') && c.verdict !== 'measured');
const modelMs = (c: SmokeCheck) => Number(/modèle (\d+)/.exec(c.expected)?.[1]);
const medianMs = (c: SmokeCheck) => Number(/^(\d+) ms/.exec(c.observed)?.[1]);

/** Whether this emulator models form publishing (issue 10 item 1: setPublished / isPublished on its forms). */
function emulatorPublishes(env: GasEnvironment): boolean {
  const [formId] = [...env.forms.byId.keys()];
  const form = env.globals.FormApp.openById(formId ?? '') as object;
  return typeof (form as { isPublished?: unknown }).isPublished === 'function';
}

describe('smokeGoogle on the emulator, after install', () => {
  it('checks each assumption of the emulator, and every check a single account can verify conforms', () => {
    const { env, bundle } = installed();
    const report = smoke(bundle);
    for (const prefix of [
      'Nouveau formulaire : état avant setPublished',
      'Nouveau formulaire : état après setPublished(true)',
      "Copie d'un formulaire publié : état avant setPublished",
      "Copie d'un formulaire publié : état après setPublished(true)",
      'Taille d’un onglet de réponses juste après setDestination',
      'Cellules comptées d’un classeur de réponses',
      'Classeur maître du pilote : cellules',
      'Classeur des réponses du pilote : cellules',
      `Une cellule prend ${CELL_CHARACTER_LIMIT.toLocaleString('fr-FR')} caractères`,
      'Adresse de la personne qui lance la vérification',
      'getProjectTriggers (propriétaire) liste les déclencheurs',
      "Onglet d'un formulaire lié visible après flush",
      'Durée : FormApp.openById',
      'Durée : Form.getItems',
      'Durée : ListItem.setChoiceValues',
      'Durée : FormResponse.toPrefilledUrl',
      'Durée : Range.getDisplayValues (onglet de réponses',
      'Lot Sheets : appendCells écrit après la dernière ligne',
      'Lot Sheets : une requête invalide et rien n’est appliqué',
      'Lot Sheets : updateSheetProperties (title) renomme l’onglet',
      'Lot Sheets : nom d’onglet qui ne diffère d’un autre que par la casse',
      'Valeurs (API REST) : RAW écrit le texte en texte, le nombre en nombre',
      'Valeurs (API REST) : une valeur null',
      'Valeurs (API REST) : des données plus larges que la plage',
      'Écriture SpreadsheetApp non envoyée puis lot',
      'Docs : un modèle RETEX écrit en un lot',
      'Copie d’un document par fetchAll : même texte que le modèle',
      'Adresse d’un document déduite de son identifiant',
      'Durée : UrlFetchApp.fetchAll de 2 copies de document',
    ])
      expect([prefix, byName(report, prefix).length]).toEqual([prefix, 1]);

    expect(report.checks.filter((c) => !isPublishing(c) && c.verdict === 'differs')).toEqual([]);
    const publishing = report.checks.filter(isPublishing);
    if (emulatorPublishes(env)) {
      expect(publishing.every((c) => c.verdict === 'conforms')).toBe(true);
    } else {
      // Until the emulator models publishing, the check reports the missing methods: it cannot pass silently.
      expect(publishing.map((c) => [c.verdict, /absente/.test(c.observed)])).toEqual(
        publishing.map(() => ['differs', true]),
      );
    }
    const responses = env.sheets.get(env.properties.script.get('responsesId') ?? '');
    const cells = responses.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
    expect(byName(report, 'Classeur des réponses du pilote')[0]?.observed).toBe(
      `${cells.toLocaleString('fr-FR')} (${responses.sheets.length} onglets)`,
    );
    expect(byName(report, 'getProjectTriggers')[0]?.observed).toBe(
      'handleFormSubmit, handleEdit, weeklyTick ; hebdomadaire listé',
    );
  });

  it('times the per-establishment calls at exactly the model’s cost on the emulator (same call classes)', () => {
    const { bundle } = installed();
    const latencies = latencyChecks(smoke(bundle));
    expect(latencies).toHaveLength(5);
    for (const c of latencies) {
      expect([c.name, medianMs(c)]).toEqual([c.name, modelMs(c)]);
      expect(c.verdict).toBe('conforms');
    }
  });

  it('writes the report to its tab and the Journal, trashes every throwaway file it made, well within 6 minutes', () => {
    const { env, bundle } = installed();
    const before = env.runtime.now();
    const report = smoke(bundle);
    expect(env.runtime.now() - before).toBeLessThan(EXECUTION_LIMIT_MS / 4);
    const tab = env.container.sheet(frAppsScript.smokeSheet)!;
    expect(tab.lastRow()).toBe(report.checks.length + 1);
    const column = Array.from({ length: report.checks.length }, (_, i) => tab.cell(i + 2, 4)?.value);
    expect(column).toEqual(
      report.checks.map((c) => ({ conforms: 'oui', differs: 'NON', measured: '—' })[c.verdict]),
    );
    expect(env.sheets.alerts.at(-1)).toBe(
      frAppsScript.smokeDone(report.passed, report.passed + report.failed),
    );
    const scratch = [...env.drive.entries.values()].filter((f) => f.name.includes('vérification'));
    expect(scratch.length).toBeGreaterThanOrEqual(4);
    expect(scratch.filter((f) => !f.trashed)).toEqual([]);
  });

  it('returns a report that npm run smoke:google reads back and judges by its checks', () => {
    const { env, bundle } = installed();
    const report = smoke(bundle);
    const outcome = readClaspRunOutput(JSON.stringify({ response: report }, null, 2));
    expect(outcome).toEqual({ kind: 'report', report: JSON.parse(JSON.stringify(report)) as SmokeReport });
    expect(judgeReport(report).exit).toBe(emulatorPublishes(env) ? 0 : 1);
  });
});

describe('smokeGoogle when Google differs from the emulator', () => {
  it('reports each latency check as different when Google is three times slower than the model', () => {
    const { env, bundle } = installed();
    env.runtime.latencyScale = LATENCY_TOLERANCE + 1;
    const latencies = latencyChecks(smoke(bundle));
    expect(latencies.map((c) => c.verdict)).toEqual(latencies.map(() => 'differs'));
    for (const c of latencies) expect(medianMs(c)).toBeCloseTo(modelMs(c) * (LATENCY_TOLERANCE + 1), 0);
  });

  it('measures the REST value write as the REST fake models it: a null and a write wider than its range refused', () => {
    const { bundle } = installed();
    const report = smoke(bundle);
    expect(byName(report, 'Valeurs (API REST) : RAW')[0]?.verdict).toBe('conforms');
    const measured = byName(report, 'Valeurs (API REST) : ').filter((c) => c.verdict === 'measured');
    expect(measured.map((c) => c.observed.replace(/ : .*/, ''))).toEqual(['refusée', 'refusées']);
    expect(measured[1]?.observed).toContain('but tried writing to column [C]');
  });

  it('reports what a kinder Google does with the REST value write: a null skipped, a wider write made', () => {
    const { env, bundle } = installed();
    // As Google's reference says of a null, and as some report of a wider write: kept, written.
    env.sheetsApi.Spreadsheets.Values.batchUpdate = (resource, spreadsheetId) => {
      const ss = env.sheets.get(spreadsheetId);
      for (const vr of resource.data) {
        const [, tab = '', col = 'A', row = '1'] = /^'(.+)'!([A-Z])(\d+)/.exec(vr.range) ?? [];
        const sheet = ss.sheet(tab.replace(/''/g, "'"))!;
        vr.values[0]?.forEach((v, i) => {
          if (v !== null) sheet.setCell(Number(row), col.charCodeAt(0) - 64 + i, { value: v });
        });
      }
      return { totalUpdatedCells: 0 };
    };
    const report = smoke(bundle);
    expect(
      byName(report, 'Valeurs (API REST) : ').map((c) => [c.verdict, c.observed.replace(/^ok: [^;]*; /, '')]),
    ).toEqual([
      ['conforms', '« =1+1 » (string) ; 7 (number)'],
      ['measured', 'acceptée ; A1 « nul », B1 « 7 »'],
      ['measured', 'acceptées ; A2:C2 « a | b | c »'],
    ]);
  });

  it('reports a RAW text that became a formula, or no Values service, as different', () => {
    const { env, bundle } = installed();
    const own = env.sheetsApi.Spreadsheets.Values.batchUpdate;
    env.sheetsApi.Spreadsheets.Values.batchUpdate = (resource, spreadsheetId) =>
      own(
        {
          ...resource,
          data: resource.data.map((vr) => ({
            ...vr,
            values: vr.values.map((r) => r.map((v) => (v === '=1+1' ? 2 : v))),
          })),
        },
        spreadsheetId,
      );
    expect(byName(smoke(bundle), 'Valeurs (API REST) : RAW')[0]?.verdict).toBe('differs');
    const other = installed();
    delete (other.env.sheetsApi.Spreadsheets as { Values?: unknown }).Values;
    expect(byName(smoke(other.bundle), 'Valeurs (API REST) : ').map((c) => c.verdict)).toEqual(['differs']);
  });

  it('reports a linked tab larger than the emulator assumes, and the cell count with it', () => {
    const { env, bundle } = installed();
    const link = env.forms.link.bind(env.forms);
    env.forms.link = (form, ss) => {
      link(form, ss);
      const tab = ss.sheets[0]!;
      tab.maxRows = ASSUMED_LINKED_TAB.rows * 2;
    };
    const report = smoke(bundle);
    const size = byName(report, 'Taille d’un onglet de réponses')[0]!;
    expect([size.verdict, size.observed]).toEqual([
      'differs',
      `${ASSUMED_LINKED_TAB.rows * 2} × ${ASSUMED_LINKED_TAB.columns}`,
    ]);
    expect(byName(report, 'Cellules comptées')[0]?.verdict).toBe('differs');
  });
});

/** Gives the emulator's forms a publishing state, as Google's forms have (unpublished until setPublished). */
function withPublishing(env: GasEnvironment, honour: boolean): void {
  const published = new Map<string, boolean>();
  const app = env.globals.FormApp;
  // Should the emulator model publishing itself, its own state follows (setPublished is passed on when honoured).
  const augment = <F extends { getId(): string }>(form: F): F => {
    const own = (form as { setPublished?: (enabled: boolean) => unknown }).setPublished?.bind(form);
    // A form the Forms API published (setPublishSettings, not through FormApp) shows the emulator's own state.
    const state = form as { isPublished?: () => boolean; isAcceptingResponses?: () => boolean };
    const ownPublished = state.isPublished?.bind(form) ?? (() => false);
    const ownAccepting = state.isAcceptingResponses?.bind(form) ?? (() => false);
    return Object.assign(form, {
      setPublished: (enabled: boolean) => {
        if (honour) {
          published.set(form.getId(), enabled);
          own?.(enabled);
        }
        return form;
      },
      isPublished: () => published.get(form.getId()) ?? ownPublished(),
      isAcceptingResponses: () => published.get(form.getId()) ?? ownAccepting(),
    });
  };
  const create = app.create.bind(app);
  const openById = app.openById.bind(app);
  app.create = (title) => augment(create(title));
  app.openById = (id) => augment(openById(id));
}

describe('smokeGoogle on forms that have a published state', () => {
  it('reports new forms and copies as conforming when setPublished publishes them', () => {
    const { env, bundle } = installed();
    withPublishing(env, true);
    const report = smoke(bundle);
    expect(report.checks.filter(isPublishing).map((c) => [c.verdict, c.observed])).toEqual([
      ['conforms', 'ok: false'],
      ['conforms', 'ok: publié true, accepte les réponses true'],
      ['conforms', 'ok: false'],
      ['conforms', 'ok: publié true, accepte les réponses true'],
    ]);
    expect(judgeReport(report).exit).toBe(0);
  });

  it('reports a form that stays unpublished after setPublished(true) as different', () => {
    const { env, bundle } = installed();
    withPublishing(env, false);
    const after = byName(smoke(bundle), 'Nouveau formulaire : état après setPublished(true)')[0];
    expect([after?.verdict, after?.observed]).toEqual([
      'differs',
      'ok: publié false, accepte les réponses false',
    ]);
  });
});

describe('smokeGoogle’s expectations', () => {
  it('are the emulator’s own figures', () => {
    expect(ASSUMED_LINKED_TAB).toEqual({ rows: DEFAULT_ROWS, columns: DEFAULT_COLUMNS });
    expect(CELL_CHARACTER_LIMIT).toBe(CELL_MAX_CHARACTERS);
  });
});

const ASSUMPTIONS_PAGE = path.resolve(__dirname, '..', '..', 'docs', 'google-assumptions.md');

/** The cells of each table row of a Markdown page. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[-| ]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}

/** Texts between French quotes, outer level only (a name may hold « = » itself). */
function quoted(text: string): string[] {
  const found: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '«') {
      if (depth > 0) current += ch;
      depth += 1;
    } else if (ch === '»') {
      depth -= 1;
      if (depth > 0) current += ch;
      else {
        found.push(current.trim());
        current = '';
      }
    } else if (depth > 0) current += ch;
  }
  return found;
}

describe('docs/google-assumptions.md', () => {
  const page = fs.readFileSync(ASSUMPTIONS_PAGE, 'utf8');

  it('names, in its verification column, only checks smokeGoogle makes', () => {
    const { bundle } = installed();
    // French number formatting puts narrow no-break spaces where the page has plain ones.
    const names = smoke(bundle).checks.map((c) => c.name.replace(/[\u202f\u00a0]/g, ' '));
    const cited = tableRows(page).flatMap((cells) => quoted(cells.at(-1) ?? ''));
    expect(cited.length).toBeGreaterThan(40);
    expect(cited.filter((c) => !names.some((n) => n.startsWith(c)))).toEqual([]);
  });

  it('gives each call class the figure the latency model uses', () => {
    const rows = tableRows(page).filter((cells) => /^`[a-z-]+`/.test(cells[0] ?? ''));
    const documented = rows.flatMap((cells) => {
      const classes = [...(cells[0] ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1] as CallClass);
      const figures = (cells[1] ?? '')
        .split('/')
        .map((part) => Number(/^\s*([\d ]+)/.exec(part)?.[1]?.replace(/ /g, '')));
      return classes.map((kind, i) => [kind, figures[i]] as const);
    });
    expect(Object.fromEntries(documented)).toEqual(
      Object.fromEntries(Object.entries(LATENCY_TABLE).map(([kind, l]) => [kind, l.ms])),
    );
  });
});
