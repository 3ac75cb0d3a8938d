// The accompaniment in a real browser: the ARS records a follow-up point with two actions (one for the ES, one for
// SESAN) after a first refusal in French, sees it under « Mes établissements » of the binôme; the ES sees its open
// actions and next point and marks its own action done with a comment; the ARS then sees it done, with history,
// and « Actions en cours ou à mener » holds only the SESAN action. Every page visited is checked with axe-core.
import type { Browser, Page } from 'playwright-core';
import { openAccompaniment } from '../../../src/local/accompaniment-data';
import { DEFAULT_CONFIG } from '../../../src/node/project-files';
import { startTestServer, type TestServer } from '../../support/local/server';
import { launchChromium, seriousViolations, type AxeFinding } from '../../support/local/chromium';

jest.setTimeout(120_000);

describe('The accompaniment in a browser', () => {
  let s: TestServer;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const findings: Array<{ url: string; violations: AxeFinding[] }> = [];

  beforeAll(async () => {
    s = await startTestServer('2022-06-14T10:00:00+02:00');
    // As `serve` does at start: the binômes of sheets-template/binomes.json.
    openAccompaniment(s.data, s.deps.project, DEFAULT_CONFIG);
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const address = s.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    origin = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  const audit = async () => {
    findings.push({
      url: page.url().replace(/\/(es|ars|ans)\/[^/?#]+/, '/$1/…'),
      violations: await seriousViolations(page),
    });
  };
  const visit = async (path: string) => {
    await page.goto(`${origin}${path}`);
    await audit();
  };

  it('the ARS records a point with two actions after a refusal in French', async () => {
    await visit(`${s.link('ars')}/accompagnement`);
    await page.getByRole('link', { name: /Pierre Morel \(ARS\)/ }).click();
    await page.getByRole('heading', { name: /Mes établissements — Pierre Morel/ }).waitFor();
    // binome-4 follows four pilots, GH COCHIN among them (sheets-template/binomes.json).
    const rows = page.locator('tbody tr[data-establishment]');
    await expect(rows.count()).resolves.toBe(4);
    await page.getByRole('link', { name: 'GH COCHIN' }).click();
    await audit();

    await page.getByLabel('Date du point').fill('2022-06-14');
    await page.getByLabel('Participants').fill('ARS, SESAN, chef de projet');
    await page.getByLabel('Compte rendu').fill('Revue des envois ; <b>pas de HTML</b> ici.');
    await page.getByLabel('Action 1', { exact: true }).fill('Former deux secrétaires');
    await page.getByLabel('Porteur de l’action 1').selectOption('es');
    await page.getByLabel('Échéance de l’action 1').fill('2022-06-10');
    await page.getByLabel('Action 2', { exact: true }).fill('Relancer l’éditeur du DPI');
    await page.getByLabel('Porteur de l’action 2').selectOption('sesan');
    await page.getByLabel('Échéance de l’action 2').fill('2022-06-24');
    await page.getByRole('button', { name: 'Enregistrer le point' }).click();
    await page
      .getByText('Action 1 : l’échéance (10/06/2022) est avant la date du point (14/06/2022).')
      .waitFor();
    await audit();
    // What was typed comes back, to be corrected.
    await expect(page.getByLabel('Action 2', { exact: true }).inputValue()).resolves.toBe(
      'Relancer l’éditeur du DPI',
    );
    await page.getByLabel('Échéance de l’action 1').fill('2022-06-21');
    await page.getByRole('button', { name: 'Enregistrer le point' }).click();
    await page.getByText('Point de suivi enregistré.').waitFor();
    await audit();
    await expect(page.locator('tr[data-action]').count()).resolves.toBe(2);
    // Typed text is shown as text.
    await expect(page.locator('b', { hasText: 'pas de HTML' }).count()).resolves.toBe(0);
    await page.getByText('Revue des envois ; <b>pas de HTML</b> ici.').waitFor();
    expect(s.data.store.annotations('gh-cochin/uc1').actions).toBe(
      '• Former deux secrétaires (Établissement, échéance 21/06/2022)\n• Relancer l’éditeur du DPI (SESAN, échéance 24/06/2022)',
    );
  });

  it('the ES sees its open actions and next point, and marks its own action done', async () => {
    await visit(`${s.link('es', 'gh-cochin')}/accompagnement`);
    await expect(page.locator('#prochain-point').textContent()).resolves.toBe('28/06/2022');
    const own = page.locator('tr[data-action]', { hasText: 'Former deux secrétaires' });
    const sesan = page.locator('tr[data-action]', { hasText: 'Relancer l’éditeur du DPI' });
    await expect(sesan.getByRole('button').count()).resolves.toBe(0);
    await own.getByLabel('Commentaire (facultatif)').fill('Formation faite le 20/06.');
    await own.getByRole('button', { name: 'Marquer comme faite' }).click();
    await page.getByText('Action indiquée comme faite. Merci !').waitFor();
    await audit();
    await expect(page.locator('tr[data-action]').count()).resolves.toBe(1);
    // Another establishment sees none of it.
    await visit(`${s.link('es', 'gh-bichat')}/accompagnement`);
    await page.getByText('Aucune action en cours.').waitFor();
  });

  it('the ARS sees the action done with its history, and the overview counts one open action', async () => {
    await visit(`${s.link('ars')}/accompagnement/es/gh-cochin`);
    const own = page.locator('tr[data-action]', { hasText: 'Former deux secrétaires' });
    await expect(own.textContent()).resolves.toMatch(/faite.*Formation faite le 20\/06\./s);
    expect(s.data.store.annotations('gh-cochin/uc1').actions).toBe(
      '• Relancer l’éditeur du DPI (SESAN, échéance 24/06/2022)',
    );
    await visit(`${s.link('ars')}/accompagnement`);
    const line = page.locator('tr[data-establishment="gh-cochin"]');
    await expect(line.textContent()).resolves.toContain('1 en cours');
    await expect(line.textContent()).resolves.toContain('28/06/2022');
  });

  it('has no serious accessibility violation on the pages visited', () => {
    expect(findings.filter((f) => f.violations.length > 0)).toEqual([]);
  });
});
