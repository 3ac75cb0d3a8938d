import fs from 'node:fs';
import path from 'node:path';
import { parseTrackingFile } from '../../src/schema/tracking-file';
import { DataFileError } from '../../src/schema/zod-issues';
import { REPO_ROOT } from '../../src/node/project-files';

const deck = fs.readFileSync(path.join(REPO_ROOT, 'docs/spec/lancement-pilotes-mes-2022-05-12.txt'), 'utf8');
const raw = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'sheets-template/tracking-file.json'), 'utf8'),
) as {
  columns: Array<Record<string, unknown>>;
};
// The deck's text export breaks labels across lines (« Départe ment »): compare without any whitespace.
const squash = (s: string) => s.replace(/\s+/g, '');

describe('sheets-template/tracking-file.json', () => {
  const tracking = parseTrackingFile(raw);

  it('holds the 27 columns of the deck', () => {
    expect(tracking.columns).toHaveLength(27);
  });

  it('takes every label verbatim from the deck, in the deck order', () => {
    const text = squash(deck);
    let from = text.indexOf(squash('Focus sur le fichier de suivi'));
    expect(from).toBeGreaterThan(0);
    for (const column of tracking.columns) {
      const at = text.indexOf(squash(column.label), from);
      expect({ label: column.label, found: at >= 0 }).toEqual({ label: column.label, found: true });
      from = at + squash(column.label).length;
    }
  });

  it('keeps the deck spelling « recus » without cedilla', () => {
    expect(tracking.columns.map((c) => c.label)).toContain('Cumul Nb de messages recus depuis MES');
  });

  it('takes the legend of owners and cadences verbatim from the deck', () => {
    for (const text of [
      ...Object.values(tracking.owners).map((o) => o.legend),
      ...Object.values(tracking.cadences),
    ])
      expect(squash(deck)).toContain(squash(text));
  });

  it('takes every group and subgroup label from the deck', () => {
    for (const g of tracking.groups) {
      if (g.label !== '') expect(squash(deck)).toContain(squash(g.label));
      for (const s of g.subgroups ?? []) expect(squash(deck)).toContain(squash(s.label));
    }
  });

  it.each([
    ['an unknown owner', { owner: 'dns' }, 'columns[0].owner'],
    ['an unknown cadence', { cadence: 'monthly' }, 'columns[0].cadence'],
    ['an unknown type', { type: { kind: 'currency' } }, 'columns[0].type.kind'],
    ['an unknown group', { group: 'finance' }, 'columns[0].group'],
  ])('refuses %s and names the field', (_name, patch, field) => {
    const broken = { ...raw, columns: [{ ...raw.columns[0], ...patch }, ...raw.columns.slice(1)] };
    expect(() => parseTrackingFile(broken)).toThrow(DataFileError);
    try {
      parseTrackingFile(broken);
    } catch (error) {
      expect((error as DataFileError).problems.map((p) => p.path)).toContain(field);
    }
  });

  it('refuses a repeated column id', () => {
    const broken = { ...raw, columns: [...raw.columns, { ...raw.columns[0], label: 'Autre libellé' }] };
    expect(() => parseTrackingFile(broken)).toThrow(/identifiant « region » déjà utilisé par columns\[0\]/);
  });

  it('refuses a repeated label', () => {
    const broken = { ...raw, columns: [...raw.columns, { ...raw.columns[0], id: 'region_bis' }] };
    expect(() => parseTrackingFile(broken)).toThrow(/libellé déjà utilisé/);
  });

  it('refuses a group whose columns are not contiguous', () => {
    const cols = [...raw.columns];
    const moved = cols.splice(1, 1)[0] as Record<string, unknown>;
    cols.push(moved);
    expect(() => parseTrackingFile({ ...raw, columns: cols })).toThrow(/doivent se suivre/);
  });
});
