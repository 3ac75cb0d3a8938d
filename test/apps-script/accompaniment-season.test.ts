// The accompaniment on the real bundle, called the way Google calls it: install draws the « Binômes », « Points
// de suivi » and « Actions de suivi » tabs and seeds the bundled binômes; the ARS records follow-up points by
// typing in « Points de suivi » (a bad one is refused in French and journaled); an edit by the ANS is stopped by
// the protections, and put back by the script when it gets past them; the Monday job sends each binôme its digest.
import { columnLetters } from '../../src/apps-script/cells';
import { counterColumns } from '../../src/domain/columns';
import { describeWeek } from '../../src/domain/iso-week';
import { defaultProject } from '../support/project';
import { journal } from '../support/apps-script/pilot';
import { establishmentName, formOf, installedPilot, suiviCell } from '../support/apps-script/pilot';
import { ANS, ARS, buildSeasonBundle, DOMAIN, paris } from '../support/apps-script/season';

const COLLEAGUE = 'stagiaire@ars-idf.fr';
import type { Pilot } from '../support/apps-script/pilot';
import { ProtectedCellError } from '../support/gas/environment';

const POINTS = 'Points de suivi';
const ACTIONS = 'Actions de suivi';
let bundleFile: string;
beforeAll(() => {
  bundleFile = buildSeasonBundle();
});

function cells(pilot: Pilot, name: string): string[][] {
  const sheet = pilot.env.container.sheet(name);
  if (!sheet) throw new Error(`no ${name}`);
  return Array.from({ length: sheet.lastRow() }, (_, r) =>
    Array.from({ length: sheet.maxColumns }, (_, c) => String(sheet.cell(r + 1, c + 1)?.value ?? '')),
  );
}

/** A weekly report of Cochin's single use case, with `extra` answers (the ticks of « Actions terminées »). */
function cochinReport(
  pilot: Pilot,
  week: string,
  day: string,
  extra: Record<string, string | string[]>,
  enforce = true,
) {
  const answers: Record<string, string | string[]> = {
    Semaine: describeWeek(week as Parameters<typeof describeWeek>[0]),
    'Date actualisation du suivi': day,
  };
  counterColumns(defaultProject().tracking).forEach((c) => (answers[c.label] = '20'));
  return pilot.env.submitForm(
    formOf(pilot.env, 'gh-cochin', 'weekly').id,
    { ...answers, ...extra },
    { enforce },
  );
}

function choicesOf(pilot: Pilot, establishmentId: string): string[] | undefined {
  return formOf(pilot.env, establishmentId, 'weekly').items.find((i) => i.title === 'Actions terminées')
    ?.choices;
}

/** The stored versions of an action (the hidden store's records), oldest first. */
function actionVersions(
  pilot: Pilot,
  id: string,
): Array<{ status: string; history: Array<{ role: string; comment: string }> }> {
  return cells(pilot, 'Accompagnement (données)')
    .slice(1)
    .filter((r) => r[0] === 'action' && r[1] === id)
    .map(
      (r) => JSON.parse(r[4] ?? '') as { status: string; history: Array<{ role: string; comment: string }> },
    );
}

/** 0-based index of Suivi's « Binôme ARS / SESAN » column (its title is on the last header row). */
function binomeCol(pilot: Pilot): number {
  return cells(pilot, 'Suivi')[1]?.indexOf('Binôme ARS / SESAN') ?? -1;
}

function cochinBinome(pilot: Pilot): string | undefined {
  return cells(pilot, 'Suivi').find((r) => r.includes('GH COCHIN'))?.[binomeCol(pilot)];
}

function typePoint(pilot: Pilot, user: string, row: number, values: string[]): void {
  values.forEach((v, i) => {
    if (v !== '') pilot.env.edit(user, pilot.env.container.id, POINTS, `${'ABCDEFGH'[i]}${row}`, v);
  });
}

describe('accompaniment on the emulator', () => {
  let pilot: Pilot;
  beforeAll(() => {
    pilot = installedPilot(bundleFile, { workspaceDomain: DOMAIN });
  });

  it('draws the accompaniment at the end of install when time is left, and the menu finds it ready', () => {
    // 16 establishments take install under three minutes since the forms go through the Forms API: the
    // accompaniment is drawn in the same run (accompaniment-setup.ts); the menu item is then idempotent.
    expect(pilot.env.container.sheet('Binômes')).toBeDefined();
    pilot.bundle.run('prepareAccompaniment', [], { ui: true });
    // Install seeded the 4 binômes and their 16 establishments: nothing is left to add.
    expect(pilot.env.sheets.alerts.at(-1)).toMatch(
      /^Accompagnement prêt : 0 binôme\(s\) et 0 établissement\(s\)/,
    );
    const protections = pilot.env.container.protections.filter((p) => !p.removed).map((p) => p.description);
    expect(protections).toEqual(
      expect.arrayContaining([
        'suivi-mes:Binômes:ars',
        'suivi-mes:Points de suivi:ars',
        'suivi-mes:Actions de suivi:ars',
        'suivi-mes:Comités:ars',
        'suivi-mes:Accompagnement (données):owner',
      ]),
    );
  });

  it('gives each binôme a filter view of Suivi showing only its establishments (advanced Sheets service)', () => {
    const views = pilot.env.sheetsApi.views.get(pilot.env.container.id) ?? [];
    expect(views.map((v) => v.title)).toEqual([
      'Binôme — Hélène Garnier (ARS) / Antoine Perrin (SESAN)',
      'Binôme — Marc Lefebvre (ARS) / Camille Robin (SESAN)',
      'Binôme — Aurélie Chevalier (ARS) / Yacine Benali (SESAN)',
      'Binôme — Pierre Morel (ARS) / Léa Fontaine (SESAN)',
    ]);
    const suivi = pilot.env.container.sheet('Suivi')!;
    // binôme-4 follows gh-cochin, not clinique-du-parc (binôme-3).
    const fourth = views[3];
    expect(fourth?.range.sheetId).toBe(suivi.id);
    const hidden = new Set(fourth?.filterSpecs[0]?.filterCriteria.hiddenValues);
    expect(hidden.has('GH COCHIN')).toBe(false);
    expect(hidden.has(establishmentName('clinique-du-parc'))).toBe(true);
    // Every pilot is shown by exactly one binôme's view.
    const names = new Set(views.flatMap((v) => v.filterSpecs[0]?.filterCriteria.hiddenValues ?? []));
    for (const name of names)
      expect(views.filter((v) => !v.filterSpecs[0]?.filterCriteria.hiddenValues.includes(name))).toHaveLength(
        1,
      );
    // Run again with nothing changed: no call to the Sheets API.
    const window = pilot.env.calls();
    pilot.bundle.run('prepareAccompaniment', [], { ui: true });
    expect(window.summary()['Sheets.Spreadsheets.batchUpdate'] ?? 0).toBe(0);
  });

  it('shows each row’s binôme in a derived « Binôme ARS / SESAN » column at the end of Suivi, owner-only', () => {
    const suivi = cells(pilot, 'Suivi');
    const col = binomeCol(pilot);
    expect(col).toBe(defaultProject().tracking.columns.length + 2); // after the two hidden columns
    expect(cochinBinome(pilot)).toBe('Pierre Morel (ARS) / Léa Fontaine (SESAN)');
    const parc = suivi.find((r) => r.includes(establishmentName('clinique-du-parc')));
    expect(parc?.[col]).toBe('Aurélie Chevalier (ARS) / Yacine Benali (SESAN)');
    // Every establishment row has its binôme (each pilot is followed by one).
    const dataRows = suivi.slice(2).filter((r) => r.some((c) => c !== ''));
    expect(dataRows.every((r) => (r[col] ?? '') !== '')).toBe(true);
    // Derived: neither the ARS nor the ANS types there.
    const a1 = `${columnLetters(col + 1)}3`;
    expect(() => pilot.env.edit(ARS, pilot.env.container.id, 'Suivi', a1, 'Autre binôme')).toThrow(
      ProtectedCellError,
    );
    expect(pilot.env.container.protections.filter((p) => !p.removed).map((p) => p.description)).toContain(
      'suivi-mes:Suivi:binome',
    );
    // Nothing changed: the column is not written again.
    const window = pilot.env.calls();
    pilot.bundle.run('prepareAccompaniment', [], { ui: true });
    expect(window.summary()['Range.setValues'] ?? 0).toBe(0);
  });

  it('shows the seeded binômes and the establishments each follows in « Binômes »', () => {
    const names = pilot.env.container.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Binômes', POINTS, ACTIONS, 'Accompagnement (données)']));
    const binomes = cells(pilot, 'Binômes');
    expect(binomes[1]?.slice(0, 4)).toEqual([
      'binome-1',
      '',
      'Hélène Garnier',
      'helene.garnier@ars-idf.example.fr',
    ]);
    expect(binomes.slice(1).some((r) => /gh-cochin/.test(r[6] ?? ''))).toBe(true);
  });

  it('keeps a binôme the ARS changes in « Binômes » as a new version, and puts back a bad address', () => {
    const id = pilot.env.container.id;
    pilot.env.edit(ARS, id, 'Binômes', 'F2', 'a.perrin@sesan.example.fr');
    expect(cells(pilot, 'Binômes')[1]?.[5]).toBe('a.perrin@sesan.example.fr');
    pilot.env.edit(ARS, id, 'Binômes', 'D2', 'pas-une-adresse');
    expect(cells(pilot, 'Binômes')[1]?.[3]).toBe('helene.garnier@ars-idf.example.fr');
    // An onEdit trigger has no UI to alert: the Journal says why.
    expect(journal(pilot.env).at(-1)?.summary).toMatch(
      /^Modification de « Binômes » \(A2\) par binome\.ars@ars-idf\.fr annulée : « Adresse mail de l’agent ARS » : adresse e-mail attendue/,
    );
    // gh-cochin (binôme-4 in the file) moves to binôme-2: the contact and the filter views follow.
    const binome4 = cells(pilot, 'Binômes')[4]?.[6] ?? '';
    expect(binome4.split(', ')).toContain('gh-cochin');
    const binome2 = cells(pilot, 'Binômes')[2]?.[6] ?? '';
    pilot.env.edit(ARS, id, 'Binômes', 'G3', `${binome2}, gh-cochin`);
    expect(cells(pilot, 'Binômes')[2]?.[6]).toContain('gh-cochin');
    expect(cells(pilot, 'Binômes')[4]?.[6]).not.toContain('gh-cochin');
    const suivi = cells(pilot, 'Suivi');
    const cochin = suivi.find((r) => r.includes('GH COCHIN')) ?? [];
    expect(cochin.some((c) => c.includes('marc.lefebvre@ars-idf.example.fr'))).toBe(true);
    const views = pilot.env.sheetsApi.views.get(pilot.env.container.id) ?? [];
    expect(views).toHaveLength(4);
    expect(views[1]?.filterSpecs[0]?.filterCriteria.hiddenValues).not.toContain('GH COCHIN');
    expect(views[3]?.filterSpecs[0]?.filterCriteria.hiddenValues).toContain('GH COCHIN');
    expect(cochinBinome(pilot)).toBe('Marc Lefebvre (ARS) / Camille Robin (SESAN)');
    // Back to binôme-4 for the rest of the season.
    pilot.env.edit(ARS, id, 'Binômes', 'G5', binome4);
    expect(cells(pilot, 'Binômes')[4]?.[6]).toContain('gh-cochin');
    expect(cells(pilot, 'Binômes')[2]?.[6]).not.toContain('gh-cochin');
    expect(cochinBinome(pilot)).toBe('Pierre Morel (ARS) / Léa Fontaine (SESAN)');
  });

  it('records a point the ARS typed, with its actions, and shows them in « Actions de suivi » and Suivi', () => {
    pilot.env.runtime.setNow(paris('2022-06-14', 18));
    typePoint(pilot, ARS, 2, [
      'gh-cochin',
      '14/06/2022',
      'ARS, SESAN, chef de projet',
      'Revue des envois.',
      'Relancer l’éditeur.',
      'ES ; Former deux secrétaires ; 21/06/2022\nSESAN ; Relancer l’éditeur du DPI ; 24/06/2022',
      '28/06/2022',
    ]);
    // Nothing is recorded while the row is being written.
    expect(cells(pilot, POINTS)[1]?.[9]).toBe('');
    pilot.env.edit(ARS, pilot.env.container.id, POINTS, 'H2', 'Enregistrer');
    const row = cells(pilot, POINTS)[1] ?? [];
    expect(row[9]).toBe('gh-cochin-2022-06-14-1');
    expect(row[8]).toMatch(/^Enregistré le 14\/06\/2022/);
    const actions = cells(pilot, ACTIONS).slice(1);
    expect(actions.map((r) => [r[2], r[3], r[4], r[5]])).toEqual([
      ['Former deux secrétaires', 'Établissement', '21/06/2022', 'en cours'],
      ['Relancer l’éditeur du DPI', 'SESAN', '24/06/2022', 'en cours'],
    ]);
    const suivi = cells(pilot, 'Suivi');
    expect(suivi.some((r) => r.some((c) => c.includes('• Former deux secrétaires')))).toBe(true);
  });

  it('refuses a bad point in French, leaves the row as typed, journals it', () => {
    typePoint(pilot, ARS, 3, [
      'clinique-du-parc',
      '14/06/2022',
      '',
      'Point rapide.',
      '',
      'ARS ; Relancer ; 01/06/2022',
    ]);
    pilot.env.edit(ARS, pilot.env.container.id, POINTS, 'H3', 'Enregistrer');
    const row = cells(pilot, POINTS)[2] ?? [];
    expect(row[9]).toBe('');
    expect(row[7]).toBe('');
    expect(row[8]).toContain('Action 1 : l’échéance (01/06/2022) est avant la date du point (14/06/2022).');
    expect(journal(pilot.env).some((e) => /Point de suivi refusé/.test(e.summary))).toBe(true);
  });

  it('lets the ARS close an action from « Actions de suivi » with a comment', () => {
    pilot.env.edit(ARS, pilot.env.container.id, ACTIONS, 'G3', 'Fait par la SESAN');
    pilot.env.edit(ARS, pilot.env.container.id, ACTIONS, 'F3', 'faite');
    const actions = cells(pilot, ACTIONS).slice(1);
    expect(actions[1]?.slice(5, 7)).toEqual(['faite', 'Fait par la SESAN']);
    expect(actions[1]?.[9]).toBe('2');
  });

  it('stops the ANS at the protection, and puts back an edit by another role that got past it, journaled', () => {
    expect(() => pilot.env.edit(ANS, pilot.env.container.id, POINTS, 'D2', 'Réécrit par l’ANS')).toThrow(
      ProtectedCellError,
    );
    // The owner removes the protection by mistake and shares the file with a colleague who has no role.
    const book = pilot.env.sheets.get(pilot.env.container.id);
    for (const p of book.protections) if (p.description === 'suivi-mes:Points de suivi:ars') p.removed = true;
    book.editors.add(COLLEAGUE);
    pilot.env.edit(COLLEAGUE, pilot.env.container.id, POINTS, 'D5', 'Point imaginé');
    expect(cells(pilot, POINTS)[4]?.[3] ?? '').toBe('');
    expect(
      journal(pilot.env).some(
        (e) =>
          e.summary ===
          `Modification de « Points de suivi » (D5) par ${COLLEAGUE} annulée : seuls l’ARS et le propriétaire écrivent dans cet onglet.`,
      ),
    ).toBe(true);
    // Google hides the ANS's address (outside the domain): a recorded point is put back all the same.
    pilot.env.edit(ANS, pilot.env.container.id, POINTS, 'D2', 'Réécrit par l’ANS');
    expect(cells(pilot, POINTS)[1]?.[3]).toBe('Revue des envois.');
  });

  it('sends each binôme, on Monday, the digest of its own establishments, and the overall digest', () => {
    pilot.env.runtime.setNow(paris('2022-06-20', 9));
    pilot.bundle.run('weeklyTick', []);
    const digests = pilot.env.mail.outbox.filter((m) => /Mes établissements/.test(m.subject));
    expect(digests.length).toBeGreaterThanOrEqual(2);
    const first = digests.find((m) => m.to.includes('helene.garnier@ars-idf.example.fr'));
    // The SESAN address the ARS changed in « Binômes ».
    expect(first?.to).toEqual(['helene.garnier@ars-idf.example.fr', 'a.perrin@sesan.example.fr']);
    expect(first?.body).toContain('Déclaration non reçue');
    const cochinBinome = digests.find((m) => m.body.includes('GH COCHIN'));
    expect(cochinBinome).toBeDefined();
    expect(digests.filter((m) => m.body.includes('GH COCHIN'))).toHaveLength(1);
    // The Monday job wrote Cochin's open actions and next point under its weekly form's description.
    const form = formOf(pilot.env, 'gh-cochin', 'weekly');
    expect(form.description).toContain('Accompagnement ARS / SESAN');
    expect(form.description).toContain('Prochain point de suivi : 28/06/2022');
    expect(form.description).toContain('• Former deux secrétaires (Établissement, échéance 21/06/2022)');
    expect(form.description).not.toContain('Relancer l’éditeur du DPI'); // closed by the ARS
    expect(formOf(pilot.env, 'clinique-du-parc', 'weekly').description).toContain('Aucune action en cours.');
    // The overall digest goes to accompaniment.digestTo, by default the ARS addresses.
    const overall = pilot.env.mail.outbox.filter((m) => /Synthèse des déclarations/.test(m.subject));
    expect(overall.map((m) => m.to)).toEqual([[ARS]]);
  });

  it('saves the « décisions à prendre » the ARS writes in « Comités », and puts back one naming a patient', () => {
    const id = pilot.env.container.id;
    const rows = cells(pilot, 'Comités');
    expect(rows.slice(1).map((r) => r.slice(0, 2))).toEqual([
      ['2022-06', '23/06/2022'],
      ['2022-07', '21/07/2022'],
      ['2022-09', '15/09/2022'],
    ]);
    pilot.env.edit(ARS, id, 'Comités', 'C2', 'Patient 1 85 05 78 006 084 36 à rappeler.');
    expect(cells(pilot, 'Comités')[1]?.[2]).toBe('');
    expect(journal(pilot.env).at(-1)?.summary).toMatch(
      /2022-06 : « Décisions à prendre » : le texte contient/,
    );
    pilot.env.edit(ARS, id, 'Comités', 'C2', 'Arbitrer l’extension au cas d’usage 2.');
    expect(cells(pilot, 'Comités')[1]?.slice(2, 4)).toEqual([
      'Arbitrer l’extension au cas d’usage 2.',
      expect.stringMatching(/^Enregistré le 20\/06\/2022 \(binome\.ars@ars-idf\.fr\)$/),
    ]);
  });

  it('issues the committee Google Doc of the month from the template, once on unchanged data', () => {
    pilot.env.runtime.setNow(paris('2022-06-23', 9));
    const window = pilot.env.calls();
    pilot.bundle.run('committeePack', [], { ui: true });
    expect(pilot.env.sheets.alerts.at(-1)).toMatch(/^Dossier du comité de suivi, version 2022-06 : /);
    const docs = pilot.env.drive.list('document').filter((d) => d.name.startsWith('Comite-de-suivi-2022-06'));
    expect(docs).toHaveLength(1);
    const doc = pilot.env.documents.get(docs[0]!.id);
    const text = JSON.stringify(doc);
    expect(text).toContain('GH COCHIN');
    expect(text).toContain('Former deux secrétaires');
    expect(text).toContain('Arbitrer l’extension au cas d’usage 2.');
    expect(text).not.toMatch(/\{[a-z_#/^@]+\}/);
    // Filled like a RETEX document: the copy read once and written in one or two Docs batches of at most 500
    // requests (16 establishments, each a heading and a table: two), the template itself, written on the first
    // click, one more; DocumentApp only places the chart's panels.
    const calls = window.summary();
    expect(calls['Docs.Documents.get']).toBe(1);
    expect(calls['Docs.Documents.batchUpdate']).toBeGreaterThanOrEqual(2);
    expect(calls['Docs.Documents.batchUpdate']).toBeLessThanOrEqual(3);
    expect(calls['Paragraph.replaceText']).toBeUndefined();
    expect(calls['Body.insertTable']).toBeUndefined();
    // Each establishment's block repeated, with its own « fields » table, bordered like the template's.
    const cochin = doc.body.children.findIndex((n) => n.type !== 'TABLE' && n.text === 'GH COCHIN');
    const fields = doc.body.children[cochin + 1];
    expect(fields?.type === 'TABLE' && fields.rows.map((r) => r.cells[0]?.text)).toEqual([
      'Chiffres (évolution du mois)',
      'Points de vigilance du mois',
      'Actions en cours',
      'Actions en retard',
    ]);
    expect(fields?.type === 'TABLE' && fields.rows[2]?.cells[1]?.text).toContain('Former deux secrétaires');
    expect(fields?.attrs.BORDER_COLOR).toBe('#8C8C8C');
    pilot.bundle.run('committeePack', [], { ui: true });
    expect(pilot.env.sheets.alerts.at(-1)).toMatch(/^Rien n’a changé depuis la version 2022-06 du dossier/);
    expect(
      pilot.env.drive.list('document').filter((d) => d.name.startsWith('Comite-de-suivi-')),
    ).toHaveLength(1);
  });

  it('offers the ES a checkbox per open ES action in its weekly form, refreshed by the Monday job', () => {
    pilot.env.runtime.setNow(paris('2022-06-23', 18));
    typePoint(pilot, ARS, 7, [
      'gh-cochin',
      '23/06/2022',
      'ARS, SESAN',
      'Suite du déploiement.',
      '',
      'ES ; Paramétrer la MSS ; 30/06/2022\nES ; Afficher l’affiche en salle d’attente ; 07/07/2022\nARS ; Envoyer le kit ; 28/06/2022',
      '07/07/2022',
    ]);
    pilot.env.edit(ARS, pilot.env.container.id, POINTS, 'H7', 'Enregistrer');
    expect(cells(pilot, POINTS)[6]?.[9]).toBe('gh-cochin-2022-06-23-1');
    pilot.env.runtime.setNow(paris('2022-06-27', 9));
    pilot.bundle.run('weeklyTick', []);
    // Only the ES's own open actions, oldest due first, each with its reference.
    expect(choicesOf(pilot, 'gh-cochin')).toEqual([
      'Former deux secrétaires (échéance 21/06/2022) — réf. 2022-06-14-1-a1',
      'Paramétrer la MSS (échéance 30/06/2022) — réf. 2022-06-23-1-a1',
      'Afficher l’affiche en salle d’attente (échéance 07/07/2022) — réf. 2022-06-23-1-a2',
    ]);
    expect(choicesOf(pilot, 'clinique-du-parc')).toBeUndefined();
    // Nothing changed: the next run does not touch the form's items.
    const window = pilot.env.calls();
    pilot.bundle.run('weeklyTick', []);
    expect(window.summary()['CheckboxItem.setChoiceValues'] ?? 0).toBe(0);
  });

  it('closes the action the ES ticks (done, with its comment, in history); ignores and journals one the ARS closed meanwhile', () => {
    const actionRow = (text: string) => cells(pilot, ACTIONS).findIndex((r) => r[2] === text) + 1;
    // The ARS drops an action after the form was drawn: the ES still sees it and ticks it.
    pilot.env.edit(
      ARS,
      pilot.env.container.id,
      ACTIONS,
      `F${actionRow('Afficher l’affiche en salle d’attente')}`,
      'abandonnée',
    );
    const [former, , afficher] = choicesOf(pilot, 'gh-cochin') ?? [];
    pilot.env.runtime.setNow(paris('2022-06-28', 10));
    cochinReport(pilot, '2022-W25', '2022-06-28', {
      'Actions terminées': [former ?? '', afficher ?? ''],
      'Commentaire sur les actions terminées': 'Deux secrétaires formées le 20/06.',
    });
    const rows = cells(pilot, ACTIONS);
    expect(rows[actionRow('Former deux secrétaires') - 1]?.slice(5, 7)).toEqual([
      'faite',
      'Deux secrétaires formées le 20/06.',
    ]);
    expect(rows[actionRow('Afficher l’affiche en salle d’attente') - 1]?.[5]).toBe('abandonnée');
    expect(rows[actionRow('Paramétrer la MSS') - 1]?.[5]).toBe('en cours');
    const versions = actionVersions(pilot, 'gh-cochin-2022-06-14-1-a1');
    expect(versions.map((v) => v.status)).toEqual(['open', 'done']);
    expect(versions.at(-1)?.history.at(-1)).toMatchObject({
      role: 'es',
      comment: 'Deux secrétaires formées le 20/06.',
    });
    const lines = journal(pilot.env).map((l) => l.summary);
    expect(lines).toContain(
      'Action « Former deux secrétaires » : faite (Deux secrétaires formées le 20/06.).',
    );
    expect(lines).toContain(
      'Action cochée dans le formulaire ignorée : « Afficher l’affiche en salle d’attente » est déjà abandonnée.',
    );
    // The report itself was accepted.
    expect(suiviCell(pilot.env, 'gh-cochin/uc1', 'visits')?.value).toBe(20);
    // The form drops the closed actions at once, and the next Monday's still does.
    const expected = ['Paramétrer la MSS (échéance 30/06/2022) — réf. 2022-06-23-1-a1'];
    expect(choicesOf(pilot, 'gh-cochin')).toEqual(expected);
    pilot.env.runtime.setNow(paris('2022-07-04', 9));
    pilot.bundle.run('weeklyTick', []);
    expect(choicesOf(pilot, 'gh-cochin')).toEqual(expected);
    expect(formOf(pilot.env, 'gh-cochin', 'weekly').description).not.toContain('Former deux secrétaires');
  });

  it('ignores and journals a choice naming no action of the ES, and removes the item once no ES action is open', () => {
    pilot.env.runtime.setNow(paris('2022-07-05', 10));
    // A stale page or a direct POST (the form's own check skipped) naming an action that does not exist.
    cochinReport(
      pilot,
      '2022-W26',
      '2022-07-05',
      {
        'Actions terminées': [
          'Paramétrer la MSS (échéance 30/06/2022) — réf. 2022-06-23-1-a1',
          'Action inventée — réf. 2099-01-01-9-a1',
        ],
      },
      false,
    );
    expect(cells(pilot, ACTIONS).find((r) => r[2] === 'Paramétrer la MSS')?.[5]).toBe('faite');
    expect(journal(pilot.env).map((l) => l.summary)).toContain(
      'Action cochée dans le formulaire ignorée : réf. 2099-01-01-9-a1 inconnue.',
    );
    expect(suiviCell(pilot.env, 'gh-cochin/uc1', 'visits')?.value).toBe(20);
    // No ES action is open any more: the checkbox item (which cannot be empty) leaves the form.
    expect(choicesOf(pilot, 'gh-cochin')).toBeUndefined();
    expect(
      formOf(pilot.env, 'gh-cochin', 'weekly').items.some((i) =>
        i.title.startsWith('Commentaire sur les actions'),
      ),
    ).toBe(false);
  });
});
