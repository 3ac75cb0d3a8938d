// Done-when of the accompaniment: after `suivi-mes serve --demo --data D` (stopped), `suivi-mes comite --month
// 2022-06 --data D --out O` writes the June pack (.docx, and PDF where LibreOffice is installed) naming each of the
// 16 pilots with their June figures; issued twice on unchanged data, it is one version.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareWeeks } from '../../src/domain/iso-week';
import { establishmentName } from '../../src/domain/model';
import { AccompanimentSqliteStore } from '../../src/local/db/accompaniment-sqlite-store';
import { openLocalData } from '../../src/local/local-data';
import { findSoffice } from '../../src/local/retex/retex-pdf';
import { defaultProject } from '../support/project';
import { readDocx, tableStartingWith } from '../support/retex-docx-reader';
import { freePort, startCommand } from '../support/local/serve-process';
import { runMainInProcess } from '../support/main-in-process';

jest.setTimeout(240_000);

const run = runMainInProcess;

describe('suivi-mes comite', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-comite-'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes the June pack of the demo season, naming each pilot with its June figures, one version when reissued', async () => {
    const data = path.join(root, 'demo');
    const port = await freePort();
    const s = await startCommand(['--data', data, 'serve', '--demo'], port, {});
    expect(s.out()).toMatch(/Saison de démonstration créée/);
    s.child.kill('SIGTERM');
    await s.exited;

    const out = path.join(root, 'out');
    const first = await run(['--data', data, 'comite', '--month', '2022-06', '--out', out]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    // The demo issued the June pack already; unchanged data keeps that version.
    expect(first.out).toMatch(/Rien n’a changé depuis la version 2022-06 du dossier de juin 2022/);
    const docxName = fs.readdirSync(out).find((f) => f.endsWith('.docx'));
    expect(docxName).toMatch(/^Comite-de-suivi-2022-06-2022-07-01\.docx$/);
    if (findSoffice()) expect(fs.readdirSync(out)).toContain(docxName?.replace(/\.docx$/, '.pdf'));

    const second = await run(['--data', data, '--json', 'comite', '--month', '2022-06', '--out', out]);
    expect(JSON.parse(second.out)).toMatchObject({ status: 'unchanged', version: '2022-06' });

    // Independent reading of the June figures: each row's latest report of a week due in June (W22 to W25).
    const { data: opened } = openLocalData(data, defaultProject());
    const expected = new Map<string, { name: string; patients: number }>();
    let issues: string[];
    try {
      const versions = opened.store.listReportVersions();
      for (const e of opened.store.listEstablishments()) {
        let patients = 0;
        for (const u of e.useCases) {
          const key = `${e.id}/${u.id}`;
          const best = versions
            .filter((v) => v.rowKey === key && compareWeeks(v.week, '2022-W25') <= 0)
            .sort((a, b) => compareWeeks(a.week, b.week) || a.version - b.version)
            .at(-1);
          patients += Number(best?.values.patients_included ?? 0);
        }
        expected.set(e.id, { name: establishmentName(e), patients });
      }
      issues = new AccompanimentSqliteStore(opened.db).listCommitteeIssues('2022-06').map((i) => i.label);
    } finally {
      opened.close();
    }
    expect(issues).toEqual(['2022-06']);

    const doc = readDocx(fs.readFileSync(path.join(out, docxName ?? '')));
    expect(doc.text).toContain('Comité de suivi — Pilotes Mon espace santé');
    expect(doc.text).toContain('Valider le calendrier de la plénière de restitution du bilan V1.');
    expect(doc.media.length).toBeGreaterThan(0);
    const table = tableStartingWith(doc, 'Établissement', 'Binôme');
    expect(table).toBeDefined();
    const lines = (table ?? []).slice(1);
    expect(lines).toHaveLength(16);
    // Then one block per establishment, in the same order, whose first row holds its figures.
    const details = doc.tables.filter((t) => t[0]?.[0] === 'Chiffres (évolution du mois)');
    expect(details).toHaveLength(16);
    for (const { name, patients } of expected.values()) {
      const i = lines.findIndex((l) => l[0] === name);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(lines[i]?.[1]).toMatch(/\(ARS\) \/ .* \(SESAN\)/);
      expect(details[i]?.[0]?.[1]?.replace(/\u202f/g, '')).toMatch(
        new RegExp(`patients inclus : ${patients} \\(`),
      );
    }
    expect(tableStartingWith(doc, 'Date', 'Établissement', 'Participants')?.length).toBeGreaterThan(10);
  });

  it('refuses a malformed month in French without creating a data folder', async () => {
    const data = path.join(root, 'none');
    const { code, err } = await run(['--data', data, 'comite', '--month', '06/2022', '--out', root]);
    expect(code).toBe(1);
    expect(err).toMatch(/--month : mois attendu au format AAAA-MM/);
    expect(fs.existsSync(data)).toBe(false);
  });
});
