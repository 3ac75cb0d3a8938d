// `suivi-mes links`, `rotate-links`, `remind`, `export` and `import` through the real program, on a temporary data
// folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalData } from '../../src/local/local-data';
import { defaultProject } from '../support/project';
import { readSuivi } from '../support/local/xlsx-cells';
import { runMainInProcess } from '../support/main-in-process';

const run = runMainInProcess;

describe('Local commands', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-cmd-')), 'data');
  });
  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('links: creates the data folder if needed and prints one link per establishment, the ARS’s and the ANS’s', async () => {
    const { code, out } = await run(['--data', dir, 'links']);
    expect(code).toBe(0);
    expect(out.match(/http:\/\/localhost:8080\/es\/[A-Za-z0-9_-]{43}/g)).toHaveLength(16);
    expect(out).toMatch(/ARS \/ SESAN\s+http:\/\/localhost:8080\/ars\/[A-Za-z0-9_-]{43}/);
    expect(out).toMatch(/ANS\s+http:\/\/localhost:8080\/ans\//);
    const again = await run(['--data', dir, 'links']);
    expect(again.out).toBe(out);
  });

  it('links --json gives the same links as data', async () => {
    const { out } = await run(['--data', dir, '--json', 'links']);
    const links = JSON.parse(out) as Array<{ role: string; url: string }>;
    expect(links.filter((l) => l.role === 'es')).toHaveLength(16);
  });

  it('rotate-links --es replaces only that establishment’s link; the old one is revoked', async () => {
    const before = JSON.parse((await run(['--data', dir, '--json', 'links'])).out) as Array<{
      establishmentId: string | null;
      url: string;
    }>;
    const { code, out } = await run(['--data', dir, 'rotate-links', '--es', 'gh-cochin']);
    expect(code).toBe(0);
    expect(out).toContain('1 lien(s) remplacé(s)');
    const after = JSON.parse((await run(['--data', dir, '--json', 'links'])).out) as typeof before;
    const changed = after.filter((l) => !before.some((b) => b.url === l.url));
    expect(changed.map((l) => l.establishmentId)).toEqual(['gh-cochin']);
    const { data } = openLocalData(dir, defaultProject());
    const old =
      before
        .find((l) => l.establishmentId === 'gh-cochin')
        ?.url.split('/')
        .pop() ?? '';
    expect(data.links.resolve(old).status).toBe('revoked');
    data.close();
  });

  it('rotate-links refuses an unknown establishment or role, naming it', async () => {
    expect((await run(['--data', dir, 'rotate-links', '--es', 'inconnu'])).err).toContain(
      '« --es » : établissement(s) inconnu(s) : inconnu.',
    );
    expect((await run(['--data', dir, 'rotate-links', '--role', 'admin'])).err).toContain(
      '« --role » : es, ars ou ans attendu (reçu « admin »).',
    );
  });

  it('remind --week writes the reminders to the outbox and says where', async () => {
    const { code, out } = await run(['--data', dir, 'remind', '--week', '2022-W23']);
    expect(code).toBe(0);
    // No ES has a referent yet and no ARS address is configured: only the four binômes get their own digest.
    expect(out).toContain('Relances 2022-W23 : 4 message(s)');
    expect(out).toContain('non relancé : gh-cochin (pas de référent avec adresse e-mail)');
    const mails = fs
      .readdirSync(path.join(dir, 'outbox'))
      .map((f) => fs.readFileSync(path.join(dir, 'outbox', f), 'utf8'));
    const cochinBinome = mails.find((m) => m.includes('pierre.morel@ars-idf.example.fr'));
    expect(cochinBinome).toMatch(/lea\.fontaine@sesan\.example\.fr/);
    expect(cochinBinome).toContain('GH COCHIN');
    expect(cochinBinome).not.toContain('GH BICHAT');
  });

  it('remind refuses a malformed week', async () => {
    const { code, err } = await run(['--data', dir, 'remind', '--week', '23']);
    expect(code).toBe(1);
    expect(err).toContain('« --week » : semaine au format AAAA-Sss attendue');
  });

  it('export writes the .xlsx and the history CSV; import previews, then applies with --apply', async () => {
    const xlsx = path.join(path.dirname(dir), 'suivi.xlsx');
    const csv = path.join(path.dirname(dir), 'historique.csv');
    const exported = await run(['--data', dir, 'export', '--out', xlsx, '--historique', csv]);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain(`Écrit : ${xlsx}`);
    expect(fs.readFileSync(csv, 'utf8').startsWith('\uFEFF')).toBe(true);
    const project = defaultProject();
    const suivi = await readSuivi(fs.readFileSync(xlsx), project.tracking);
    suivi.cell('gh-cochin/uc1', 'actions').value = 'Action hors ligne';
    fs.writeFileSync(xlsx, Buffer.from(await suivi.book.xlsx.writeBuffer()));

    const preview = await run(['--data', dir, 'import', xlsx]);
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('GH COCHIN — Actions en cours ou à mener : (vide) → « Action hors ligne »');
    expect(preview.out).toContain('Aperçu seulement');
    const before = openLocalData(dir, project).data;
    expect(before.store.annotations('gh-cochin/uc1')).toEqual({});
    before.close();

    const applied = await run(['--data', dir, 'import', xlsx, '--apply', '--author', 'sesan@sesan.fr']);
    expect(applied.out).toContain('Import appliqué : 1 modification(s) enregistrée(s).');
    const after = openLocalData(dir, project).data;
    expect(after.store.annotations('gh-cochin/uc1')).toEqual({ actions: 'Action hors ligne' });
    expect(after.store.listCellChanges().at(-1)).toMatchObject({
      author: 'sesan@sesan.fr',
      source: 'import',
    });
    after.close();
  });

  it('import refuses a file that is not a workbook, saying why, and changes nothing', async () => {
    const bad = path.join(path.dirname(dir), 'notes.xlsx');
    fs.writeFileSync(bad, 'pas un classeur');
    const { code, err } = await run(['--data', dir, 'import', bad, '--apply']);
    expect(code).toBe(1);
    expect(err).toContain("Ce fichier n'est pas un classeur Excel .xlsx.");
  });

  it('export refuses an unknown role, naming the ones it knows', async () => {
    const { code, err } = await run(['--data', dir, 'export', '--role', 'es']);
    expect(code).toBe(1);
    expect(err).toContain('« --role » : ars, ans, lecture attendu (reçu « es »).');
  });
});
