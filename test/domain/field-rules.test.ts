import { parseField, parseDateText, normalisePhone } from '../../src/domain/field-rules';
import { requireColumn } from '../../src/domain/columns';
import { pilotCalendar } from '../../src/domain/calendar';
import type { RawValue } from '../../src/domain/values';
import { defaultProject } from '../support/project';

const project = defaultProject();
const ctx = {
  calendar: pilotCalendar(project.config),
  today: '2022-06-10',
  departments: project.departments,
};
const parse = (columnId: string, raw: RawValue) =>
  parseField(requireColumn(project.tracking, columnId), raw, ctx);
const value = (columnId: string, raw: RawValue) => {
  const r = parse(columnId, raw);
  return r.ok ? r.value : r.errors.map((e) => e.code);
};
const message = (columnId: string, raw: RawValue) => {
  const r = parse(columnId, raw);
  return r.ok ? undefined : r.errors[0]?.message;
};

describe('integer counters', () => {
  it.each([
    ['12', 12],
    ['0', 0],
    [' 12 ', 12],
    ['\u00A012', 12],
    ['007', 7],
    ['-1', ['NOT_AN_INTEGER']],
    ['+1', ['NOT_AN_INTEGER']],
    ['1.5', ['NOT_AN_INTEGER']],
    ['1,5', ['NOT_AN_INTEGER']],
    ['1e3', ['NOT_AN_INTEGER']],
    ['1 200', ['NOT_AN_INTEGER']],
    ['douze', ['NOT_AN_INTEGER']],
    ['0x10', ['NOT_AN_INTEGER']],
    ['١٢', ['NOT_AN_INTEGER']],
    ['10000001', ['INTEGER_TOO_LARGE']],
    ['99999999999999999999', ['INTEGER_TOO_LARGE']],
    ['', ['REQUIRED']],
    [undefined, ['REQUIRED']],
    [['1', '2'], ['NOT_A_LIST']],
  ])('reads %j as %j', (raw, expected) => {
    expect(value('dmp_fed', raw as RawValue)).toEqual(expected);
  });

  it('says what it expected and what it received, naming the column by its label', () => {
    expect(message('dmp_fed', '12,5')).toBe(
      '« Cumul Nb de DMP alimentés » : nombre entier positif ou nul attendu, sans signe, virgule ni espace (reçu « 12,5 »).',
    );
    expect(message('dmp_fed', '')).toBe('« Cumul Nb de DMP alimentés » : ce champ est obligatoire.');
  });
});

describe('texts', () => {
  it('keeps formula-like and markup text as it is (renderers neutralise it)', () => {
    expect(value('vigilance_points', '=1+2')).toBe('=1+2');
    expect(value('vigilance_points', '<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });

  it('normalises line endings and trims the edges', () => {
    expect(value('vigilance_points', '  a\r\nb \r c  ')).toBe('a\nb \n c');
  });

  it.each([
    ['a\u0000b', 'CONTROL_CHARACTERS'],
    ['a\u001bb', 'CONTROL_CHARACTERS'],
    ['abc\u202Edef', 'CONTROL_CHARACTERS'],
    ['x'.repeat(2001), 'TEXT_TOO_LONG'],
    ['Patient 1 85 05 78 006 084 36 relancé', 'PATIENT_IDENTIFIER'],
    ['Mme Durand née le 03/04/1950 a reçu le message', 'PATIENT_BIRTH_DATE'],
  ])('refuses %j (%s)', (raw, code) => {
    expect(value('vigilance_points', raw)).toEqual([code]);
  });

  it('turns an empty optional text into an empty cell', () => {
    expect(value('vigilance_points', '   ')).toBeNull();
  });

  it('puts a single-line text on one line', () => {
    expect(value('pathway', 'Oncologie\nambulatoire')).toBe('Oncologie ambulatoire');
  });
});

describe('dates', () => {
  it.each([
    ['2022-06-10', '2022-06-10'],
    ['10/06/2022', '2022-06-10'],
    ['1/6/2022', '2022-06-01'],
    ['31/06/2022', ['NOT_A_DATE']],
    ['2022-13-01', ['NOT_A_DATE']],
    ['demain', ['NOT_A_DATE']],
    ['11/06/2022', ['DATE_IN_FUTURE']],
    ['01/05/2022', ['DATE_OUTSIDE_PILOT']],
  ])('reads the report date %j as %j', (raw, expected) => {
    expect(value('report_date', raw)).toEqual(expected);
  });

  it('explains a date in the future in French dates', () => {
    expect(message('report_date', '2022-06-11')).toBe(
      '« Date actualisation du suivi » : le 11/06/2022 est dans le futur.',
    );
  });

  it('parses dates strictly', () => {
    expect(parseDateText('2022-02-29')).toBeUndefined();
    expect(parseDateText('2024-02-29')).toBe('2024-02-29');
  });
});

describe('enumerations, départements, lists and records', () => {
  it.each([
    ['es_type', 'prive', 'privé'],
    ['es_type', 'PUBLIC', 'public'],
    ['es_type', 'associatif', ['NOT_AN_OPTION']],
    ['department', '2a', '2A'],
    ['department', '1', '01'],
    ['department', '971', '971'],
    ['department', '20', ['NOT_A_DEPARTMENT']],
    ['department', '975', ['NOT_A_DEPARTMENT']],
    ['ins_status', 'non déployé', 'Non déployé'],
  ])('reads %s %j as %j', (column, raw, expected) => {
    expect(value(column, raw)).toEqual(expected);
  });

  it('lists the possible values when one is refused', () => {
    expect(message('es_type', 'associatif')).toBe(
      "« Type d'ES : privé ou public » : « associatif » n'est pas une valeur possible. Valeurs possibles : public ; privé ; privé non lucratif (ESPIC).",
    );
  });

  it('accepts other care types as free text and removes duplicates', () => {
    expect(value('care_type', ['MCO', 'mco', 'Dialyse'])).toEqual(['MCO', 'Dialyse']);
    expect(value('care_type', 'Chirurgie; HDJ')).toEqual(['Chirurgie', 'HDJ']);
  });

  const contact = {
    last_name: 'Martin',
    first_name: 'Anne',
    email: 'anne.martin@aphp.fr',
    role: 'Cadre',
    phone: '+33 1 58 41 41 41',
  };

  it('normalises a contact’s phone number', () => {
    expect(value('es_contact', [contact])).toEqual([{ ...contact, phone: '01 58 41 41 41' }]);
  });

  it.each([
    [{ ...contact, email: 'anne.martin@' }, 'INVALID_EMAIL'],
    [{ ...contact, phone: '12345' }, 'INVALID_PHONE'],
    [{ ...contact, last_name: '' }, 'REQUIRED'],
  ])('refuses a contact %j (%s)', (entry, code) => {
    expect(value('es_contact', [entry])).toEqual([code]);
  });

  it('refuses more contacts than the column allows', () => {
    expect(value('es_contact', Array(5).fill(contact))).toEqual(['TOO_MANY_ENTRIES']);
  });

  it.each([
    ['01 23 45 67 89', '01 23 45 67 89'],
    ['0123456789', '01 23 45 67 89'],
    ['+33123456789', '01 23 45 67 89'],
    ['0033 1 23 45 67 89', '01 23 45 67 89'],
    ['00 23 45 67 89', undefined],
    ['01 23 45 67', undefined],
  ])('normalises the phone %j to %j', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });
});
