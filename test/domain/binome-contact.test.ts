// The contact « référent GRADeS et ARS » derived from a binôme must pass the column's own rule: the ARS's export
// carries it, and an import of that export re-reads it through that rule.
import { binomeContact, type Binome } from '../../src/domain/accompaniment';
import { parseField } from '../../src/domain/field-rules';
import { rawFromCell } from '../../src/domain/workbook/tracking-grid';
import { fieldContext } from '../../src/domain/validate-weekly-report';
import { valueAsText } from '../../src/domain/values';
import { defaultProject, validationContextAt } from '../support/project';

const column = defaultProject().tracking.columns.find((c) => c.id === 'ars_contact');

function binome(arsPhone?: string, sesanPhone?: string): Binome {
  return {
    id: 'b1',
    ars: { name: 'Hélène Garnier', email: 'helene.garnier@ars.example.fr', phone: arsPhone },
    sesan: { name: 'Antoine Perrin', email: 'antoine.perrin@sesan.example.fr', phone: sesanPhone },
  } as Binome;
}

describe('binomeContact', () => {
  it('gives one entry per officer with a phone, which the column’s rule reads back unchanged', () => {
    if (!column) throw new Error('ars_contact is not a column of the default project');
    const entries = binomeContact(binome('01 99 00 00 01', '0199000002'));
    expect(entries.map((e) => e.last_name)).toEqual(['Garnier', 'Perrin']);
    // As an import reads the exported cell: its text, then the column's rule.
    const raw = rawFromCell(column, { t: 's', v: valueAsText(column, entries) });
    if (!raw.ok) throw new Error(raw.issue.message);
    const parsed = parseField(
      column,
      raw.raw,
      fieldContext(validationContextAt('2022-06-01T10:00:00+02:00')),
    );
    expect(parsed).toEqual({ ok: true, value: entries });
  });

  it('leaves out an officer whose phone is unknown or unreadable, since the column requires one', () => {
    expect(binomeContact(binome(undefined, '01 99 00 00 02')).map((e) => e.last_name)).toEqual(['Perrin']);
    expect(binomeContact(binome('pas de téléphone', undefined))).toEqual([]);
  });
});
