import { parseFormDefinition } from '../../src/schema/form-definition';
import { defaultProject } from '../support/project';

describe('forms/*.json', () => {
  const { tracking, forms } = defaultProject();

  it('asks every weekly ES column in the weekly form, and only those', () => {
    const asked = forms.weekly.sections.flatMap((s) => s.items.map((i) => i.column));
    const expected = tracking.columns
      .filter((c) => c.owner === 'es' && c.cadence === 'weekly')
      .map((c) => c.id);
    expect(asked.sort()).toEqual(expected.sort());
  });

  it('refuses a form that asks a column the ES does not own', () => {
    const broken = {
      ...forms.weekly,
      sections: [
        {
          title: 'S',
          items: [...forms.weekly.sections.flatMap((s) => s.items), { column: 'actions', help: 'x' }],
        },
      ],
    };
    expect(() => parseFormDefinition(broken, tracking, 'forms/weekly.json')).toThrow(
      /« Actions en cours ou à mener » n'est pas une colonne de l'ES \(propriétaire : ars\)/,
    );
  });

  it('refuses a weekly form that forgets a weekly column', () => {
    const broken = {
      ...forms.weekly,
      sections: [{ title: 'S', items: [{ column: 'messages_sent', help: 'x' }] }],
    };
    expect(() => parseFormDefinition(broken, tracking, 'forms/weekly.json')).toThrow(
      /« Cumul Nb de DMP alimentés » n'est demandée nulle part/,
    );
  });

  it('refuses an init column in the weekly form', () => {
    const broken = {
      ...forms.weekly,
      sections: [...forms.weekly.sections, { title: 'S', items: [{ column: 'bed_count', help: 'x' }] }],
    };
    expect(() => parseFormDefinition(broken, tracking, 'forms/weekly.json')).toThrow(
      /« Nb de lits » est à renseigner « init »/,
    );
  });
});
