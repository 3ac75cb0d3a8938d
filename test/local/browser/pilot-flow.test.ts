// The three audiences in a real browser against a server listening on loopback: an ES is refused for a decreasing
// counter, corrects and submits; the ARS edits an action, writes RETEX sections, generates V1 and downloads it; the
// ANS sees the new total. Every page visited is checked with axe-core.
import type { Browser, Page } from 'playwright-core';
import fs from 'node:fs';
import { editCell } from '../../../src/app/edit-cell';
import { ingestWeeklyReport } from '../../../src/app/ingest-weekly-report';
import { weeklyAnswers } from '../../support/project';
import { startTestServer, type TestServer } from '../../support/local/server';
import { readSuivi } from '../../support/local/xlsx-cells';
import { readDocx } from '../../support/retex-docx-reader';
import { launchChromium, seriousViolations, type AxeFinding } from '../../support/local/chromium';

jest.setTimeout(120_000);

describe('The pilot in a browser', () => {
  let s: TestServer;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const findings: Array<{ url: string; violations: AxeFinding[] }> = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    s = await startTestServer('2022-06-10T10:00:00+02:00');
    // Last week, GH COCHIN declared 40 DMP fed.
    s.clock.set('2022-06-03T10:00:00+02:00');
    const outcome = ingestWeeklyReport(
      { project: s.deps.project, store: s.data.store, clock: s.clock },
      {
        submissionId: 'seed-w22',
        source: 'form',
        author: 'seed',
        submission: {
          establishmentId: 'gh-cochin',
          useCaseId: 'uc1',
          week: '2022-W22',
          values: weeklyAnswers(
            { dmp_fed: 40, patients_included: 50, visits: 60 },
            { report_date: '2022-06-03' },
          ),
        },
      },
    );
    expect(outcome.status).toBe('accepted');
    // The ARS and the ANS have already written in their own columns of that row.
    const ctx = { project: s.deps.project, store: s.data.store, clock: s.clock };
    for (const [columnId, role, raw] of [
      ['actions', 'ars', 'Action initiale'],
      ['remarks', 'ans', 'Remarque initiale'],
    ] as const)
      expect(
        editCell(ctx, { rowKey: 'gh-cochin/uc1', columnId, raw, role, author: role, source: 'grid' }).status,
      ).toBe('saved');
    s.clock.set('2022-06-10T10:00:00+02:00');
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const address = s.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    origin = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    // Refusals answer 4xx on purpose; anything else logged as an error (a CSP refusal, a script error) counts.
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  const visit = async (path: string) => {
    await page.goto(`${origin}${path}`);
    await audit();
  };
  const audit = async () => {
    findings.push({
      url: page.url().replace(/\/(es|ars|ans)\/[^/?#]+/, '/$1/…'),
      violations: await seriousViolations(page),
    });
  };

  it('an ES is refused for a decreasing counter, sees why next to the field, corrects and submits', async () => {
    await visit(s.link('es', 'gh-cochin'));
    await page.getByLabel('Cumul nb de messages émis vers MES').fill('12');
    await page.getByLabel('Cumul Nb de messages recus depuis MES').fill('3');
    await page.getByLabel('Cumul Nb de DMP alimentés').fill('35');
    await page.getByLabel('Cumul Nb de DMP consultés').fill('4');
    await page.getByLabel('Cumul Nb de patients inclus').fill('55');
    await page.getByLabel('Cumul Nb de venues').fill('70');
    await page.getByLabel('Points de vigilance').fill('Formation des secrétaires en cours.');
    await page.getByRole('button', { name: /Envoyer la déclaration/ }).click();
    const message = page.locator('#f-dmp_fed-error-0');
    await expect(message.textContent()).resolves.toContain(
      '35 est inférieur à la valeur de la semaine précédente (40',
    );
    await expect(page.getByLabel('Cumul Nb de DMP alimentés').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    await expect(page.getByLabel('Points de vigilance').inputValue()).resolves.toBe(
      'Formation des secrétaires en cours.',
    );
    expect(s.data.store.rowLedger('gh-cochin/uc1')).toHaveLength(1);
    await audit();

    await page.getByLabel('Cumul Nb de DMP alimentés').fill('45');
    await page.getByRole('button', { name: /Envoyer la déclaration/ }).click();
    await page.getByText('Déclaration enregistrée').waitFor();
    await audit();
    expect(s.data.store.reportVersion('gh-cochin/uc1', '2022-W23')?.values.dmp_fed).toBe(45);
    await visit(`${s.link('es', 'gh-cochin')}/historique`);
    await visit(`${s.link('es', 'gh-cochin')}/profil`);
  });

  it('the submission made in the browser is in the exported .xlsx, in its row, ARS and ANS cells untouched', async () => {
    await visit(`${s.link('ars')}/echanges`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Fichier de suivi (.xlsx)' }).click(),
    ]);
    const file = await download.path();
    const suivi = await readSuivi(fs.readFileSync(file), s.deps.project.tracking);
    expect(suivi.cell('gh-cochin/uc1', 'dmp_fed').value).toBe(45);
    expect(suivi.cell('gh-cochin/uc1', 'patients_included').value).toBe(55);
    expect(suivi.cell('gh-cochin/uc1', 'vigilance_points').value).toBe('Formation des secrétaires en cours.');
    expect(suivi.cell('gh-cochin/uc1', 'actions').value).toBe('Action initiale');
    expect(suivi.cell('gh-cochin/uc1', 'remarks').value).toBe('Remarque initiale');
    expect(suivi.cell('gh-bichat/uc1', 'dmp_fed').value).toBeNull();
    // Uploaded back unchanged: the preview says there is nothing to apply.
    await page.getByLabel(/Classeur à importer/).setInputFiles(file);
    await page.getByRole('button', { name: "Voir l'aperçu de l'import" }).click();
    await page.getByText('Aucune : le fichier ne change aucune de vos colonnes.').waitFor();
    await audit();
    await page.getByRole('button', { name: "Annuler l'import" }).click();
    await page.getByText("Import annulé : rien n'a été modifié.").waitFor();
  });

  it('the ARS edits an action in place on the master grid', async () => {
    await visit(s.link('ars'));
    const cell = page.locator('#c-gh-cochin-uc1-actions');
    await cell.locator('summary').click();
    await cell.getByLabel(/Actions en cours ou à mener/).fill('Point avec le DSI le 15/06.');
    await cell.getByRole('button', { name: /Enregistrer/ }).click();
    await page.getByText('Modification enregistrée : « Actions en cours ou à mener » — GH COCHIN.').waitFor();
    expect(s.data.store.annotations('gh-cochin/uc1')).toEqual({
      actions: 'Point avec le DSI le 15/06.',
      remarks: 'Remarque initiale',
    });
    await audit();
    await visit(`${s.link('ars')}/lignes/gh-cochin/uc1`);
    await expect(page.locator('body').textContent()).resolves.toContain('Point avec le DSI le 15/06.');
    await visit(`${s.link('ars')}/completude`);
    await visit(`${s.link('ars')}/journal`);
  });

  it('the ARS writes a RETEX section (a refusal first, everything typed kept), generates V1 and downloads a .docx holding it', async () => {
    const typed = '<script>alert(1)</script> Un référent par site, $& et {{x}} tels quels.';
    await visit(`${s.link('ars')}/retex`);
    await page.getByRole('link', { name: "Rédiger les sections de l'ARS / SESAN" }).click();
    await page.getByRole('heading', { name: "Textes RETEX de l'ARS / SESAN" }).waitFor();
    await audit();
    await page.getByRole('link', { name: /Confirmation de rendez-vous/ }).click();
    await page.locator('#f-section-levers').fill(typed);
    await page.locator('#f-section-obstacles').fill('Patient 1850578006048 vu en HDJ');
    await page.getByRole('button', { name: 'Enregistrer les textes' }).click();
    await expect(page.locator('#f-section-obstacles-error-0').textContent()).resolves.toContain(
      'une suite de 13 à 15 chiffres',
    );
    await expect(page.locator('#f-section-levers').inputValue()).resolves.toBe(typed);
    await expect(page.locator('#f-section-obstacles').getAttribute('aria-invalid')).resolves.toBe('true');
    await audit();
    await page.locator('#f-section-obstacles').fill('Disponibilité du DSI pendant l’été.');
    await page.getByRole('button', { name: 'Enregistrer les textes' }).click();
    await page.getByText('2 section(s) enregistrée(s)').waitFor();
    await expect(page.locator('#f-section-levers').inputValue()).resolves.toBe(typed);
    await audit();

    await visit(`${s.link('ars')}/retex`);
    // The DSFR draws its own radios and checkboxes: a person clicks their labels.
    await page.locator('label[for="milestone-V1"]').click();
    await expect(page.locator('#milestone-V1').isChecked()).resolves.toBe(true);
    // PDFs are tested over HTTP; here only the .docx (the box is there when LibreOffice is installed).
    const pdf = page.locator('#f-pdf');
    if ((await pdf.count()) > 0 && (await pdf.isChecked())) await page.locator('label[for="f-pdf"]').click();
    expect((await pdf.count()) === 0 || !(await pdf.isChecked())).toBe(true);
    await page.getByRole('button', { name: 'Générer le RETEX' }).click();
    await page.getByText('Version V1 émise.').waitFor();
    await audit();
    const item = page.locator('li', { hasText: /Confirmation de rendez-vous/ });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('link', { name: /Document Word/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^RETEX-V1-cas-usage-ap-hp-[a-z0-9-]+-2022-06-10\.docx$/);
    const doc = readDocx(fs.readFileSync(await download.path()));
    expect(doc.paragraphs).toContain(typed);
    expect(doc.paragraphs).toContain('Disponibilité du DSI pendant l’été.');
    expect(doc.paragraphs).toContain('GH COCHIN');
  });

  it('the ANS sees the new total', async () => {
    await visit(s.link('ans'));
    await expect(page.locator('#totaux [data-counter="dmp_fed"]').textContent()).resolves.toBe('45');
    await expect(page.locator('#totaux [data-counter="patients_included"]').textContent()).resolves.toBe(
      '55',
    );
    await visit(`${s.link('ans')}/remarques`);
  });

  it('the pages for a refusal are accessible too', async () => {
    await visit('/es/lien-inconnu');
    await visit('/');
  });

  it('finds no serious or critical accessibility violation on any page visited, and no script error', () => {
    expect(findings.length).toBeGreaterThanOrEqual(17);
    expect(findings.filter((f) => f.violations.length > 0)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
