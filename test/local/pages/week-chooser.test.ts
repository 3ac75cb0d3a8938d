// The one week chooser of the ARS pages (a week to correct, a due week's late establishments): what the browser
// sends back (`semaine`, by GET to the page) and what the reader sees selected must not differ between the pages.
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { WeekChooser } from '../../../src/local/pages/week-chooser';

function render(week: string | undefined): string {
  return renderToString(
    h(WeekChooser, {
      action: '/ars/t/completude',
      id: 'f-late-week',
      label: 'Semaine échue',
      weeks: ['2022-W21', '2022-W22', '2022-W23'],
      week,
      submitLabel: 'Afficher les retards de cette semaine',
    }),
  );
}

describe('WeekChooser', () => {
  it('sends the chosen week as `semaine` by GET to the page, its label naming the select', () => {
    const html = render('2022-W22');
    expect(html).toContain('<form method="get" action="/ars/t/completude"');
    expect(html).toContain('<label class="fr-label" for="f-late-week">Semaine échue</label>');
    expect(html).toContain('<select class="fr-select" id="f-late-week" name="semaine">');
    expect(html).toContain('Afficher les retards de cette semaine</button>');
  });

  it('lists the weeks in the order given, only the shown one selected', () => {
    const html = render('2022-W22');
    expect([...html.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '2022-W21',
      '2022-W22',
      '2022-W23',
    ]);
    expect(html.match(/selected/g)).toHaveLength(1);
    expect(html).toContain('<option value="2022-W22" selected');
  });

  it('selects nothing when no week is shown yet', () => {
    expect(render(undefined)).not.toContain('selected');
  });
});
