// `npm run local:screenshots`: the guides' screenshots (docs/screenshots/*.png) of the three audiences' pages on
// a demo season, taken with the browser setup of the tests. Run it after changing a page; it is not a test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoMoment, seedDemo } from '../src/local/demo';
import { openLocalData } from '../src/local/local-data';
import { OutboxMailer } from '../src/local/mail/mailer';
import { buildServer } from '../src/local/server/build-server';
import { REPO_ROOT, readProject } from '../src/node/project-files';
import { launchChromium } from '../test/support/local/chromium';

async function main(): Promise<void> {
  const project = readProject();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-shots-'));
  const { data } = openLocalData(dir, project, { demoNow: demoMoment(project.config).now });
  seedDemo(data, project);
  const app = await buildServer({
    project,
    store: data.store,
    links: data.links,
    secret: data.secret,
    clock: data.clock,
    mailer: new OutboxMailer(data.outboxDir),
    baseUrl: 'http://localhost:8080',
    demo: true,
    dataDir: dir,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const origin = `http://127.0.0.1:${address.port}`;
  const link = (role: 'es' | 'ars' | 'ans', establishmentId?: string) => {
    const found = data.links
      .active()
      .find(
        (l) => l.role === role && (establishmentId === undefined || l.establishmentId === establishmentId),
      );
    if (!found) throw new Error(`no ${role} link`);
    return `${origin}${data.links.path(found)}`;
  };
  const out = path.join(REPO_ROOT, 'docs', 'screenshots');
  fs.mkdirSync(out, { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })
    ).newPage();
    // ES: a decreasing counter refused, the message under the field.
    await page.goto(link('es', 'gh-cochin'));
    const field = page.getByLabel('Cumul Nb de DMP alimentés');
    await page.getByLabel('Cumul nb de messages émis vers MES').fill('60');
    await page.getByLabel('Cumul Nb de messages recus depuis MES').fill('8');
    await field.fill('3');
    await page.getByLabel('Cumul Nb de DMP consultés').fill('6');
    await page.getByLabel('Cumul Nb de patients inclus').fill('60');
    await page.getByLabel('Cumul Nb de venues').fill('85');
    await page.getByRole('button', { name: /Envoyer la déclaration/ }).click();
    await page.screenshot({ path: path.join(out, 'es-formulaire-hebdomadaire.png'), fullPage: true });
    // ARS: the master grid, first screen.
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(link('ars'));
    await page.screenshot({ path: path.join(out, 'ars-fichier-de-suivi.png') });
    // ARS: the RETEX page once V1 is issued (.docx only: quicker).
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${link('ars')}/retex`);
    await page.locator('label[for="milestone-V1"]').click();
    if ((await page.locator('#f-pdf').count()) > 0) await page.locator('label[for="f-pdf"]').click();
    await page.getByRole('button', { name: 'Générer le RETEX' }).click();
    await page.getByText('Version V1 émise.').waitFor();
    await page.screenshot({ path: path.join(out, 'ars-retex.png'), fullPage: true });
    // ANS: the summary.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(link('ans'));
    await page.screenshot({ path: path.join(out, 'ans-synthese.png'), fullPage: true });
  } finally {
    await browser.close();
    await app.close();
    data.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`Captures écrites dans ${out}\n`);
}

void main();
