// Reading a typed cell back for its column: text as typed, record columns split into entries and fields (the
// inverse of valueAsText), a line with the wrong number of fields refused with the fields expected.
import { rawFromCellText } from '../../src/domain/cell-readback';
import { requireColumn } from '../../src/domain/columns';
import { valueAsText } from '../../src/domain/values';
import { defaultProject } from '../support/project';

const { tracking } = defaultProject();
const contact = requireColumn(tracking, 'ars_contact');

describe('rawFromCellText', () => {
  it.each([
    ['actions', 'Relancer l’éditeur ; =1+1 $&', 'Relancer l’éditeur ; =1+1 $&'],
    ['actions', 'ligne 1\r\nligne 2', 'ligne 1\nligne 2'],
    ['department', '2A', '2A'],
    ['launch_meeting_date', '2022-05-12', '2022-05-12'],
  ])('keeps the text of %s as typed (%j)', (id, text, raw) => {
    expect(rawFromCellText(requireColumn(tracking, id), text)).toEqual({ ok: true, raw });
  });

  it('reads a contact cell back into the entries it shows, one per line', () => {
    const value = [
      {
        last_name: 'Durand',
        first_name: 'Anne',
        email: 'anne.durand@ars.sante.fr',
        role: 'Chargée de mission',
        phone: '01 44 02 00 00',
      },
      {
        last_name: 'Roux',
        first_name: 'Paul',
        email: 'paul.roux@sesan.fr',
        role: 'Chef de projet',
        phone: '01 48 00 00 00',
      },
    ];
    const text = valueAsText(contact, value);
    expect(text.split('\n')).toHaveLength(2);
    expect(rawFromCellText(contact, text)).toEqual({ ok: true, raw: value });
  });

  it('ignores empty lines and spaces around fields', () => {
    expect(rawFromCellText(contact, '\n Durand ,Anne, a@ars.fr ,Chargée,0144020000 \n')).toEqual({
      ok: true,
      raw: [
        { last_name: 'Durand', first_name: 'Anne', email: 'a@ars.fr', role: 'Chargée', phone: '0144020000' },
      ],
    });
  });

  it('refuses a line without one field per part, naming the fields and the separator', () => {
    const result = rawFromCellText(contact, 'Durand, Anne, a@ars.fr');
    expect(result).toMatchObject({ ok: false, error: { field: 'ars_contact', code: 'RECORD_FORMAT' } });
    expect(result.ok ? '' : result.error.message).toBe(
      `« ${contact.label} » : la ligne « Durand, Anne, a@ars.fr » doit donner 5 champs séparés par « , » (Nom, Prénom, Adresse mail, Fonction, Numéro de téléphone), une ligne par entrée ; laissez vide un champ inconnu entre deux « , ».`,
    );
  });

  it('uses « ; » for a single-entry record, as valueAsText does', () => {
    const software = requireColumn(tracking, 'software');
    const value = [{ gam: 'A', dpi: 'B', mss: 'C', dmp: 'D' }];
    expect(rawFromCellText(software, valueAsText(software, value))).toEqual({ ok: true, raw: value });
  });
});
