import { createGasEnvironment } from '../support/gas/environment';
import { loadBundle } from '../support/gas/bundle';

it('explores ingestion', () => {
  const env = createGasEnvironment({ now: '2022-05-12T10:00:00+02:00' });
  env.createContainer();
  const bundle = loadBundle(env);
  bundle.run('install', [], { ui: true });
  env.runtime.setNow('2022-06-06T09:00:00+02:00'); env.runWeeklyTriggers(); env.runtime.setNow('2022-06-10T10:00:00+02:00');
  const form = [...env.forms.byId.values()].find((f) => f.title.includes('GH COCHIN') && f.title.startsWith('Suivi'))!;
  console.log(form.items.map((i) => `${i.kind} ${i.title} ${JSON.stringify(i.choices.slice(0, 2))} ${i.validation?.kind}`).join('\n'));
  const w = env.calls();
  const answers: Record<string, string> = {
    Semaine: form.items.find((i) => i.title === 'Semaine' && i.kind === 'LIST')!.choices[0]!,
    'Date actualisation du suivi': '2022-06-10',
    'Cumul nb de messages émis vers MES': '10',
    'Cumul Nb de messages recus depuis MES': '2',
    'Cumul Nb de DMP alimentés': '5',
    'Cumul Nb de DMP consultés': '1',
    'Cumul Nb de patients inclus': '8',
    'Cumul Nb de venues': '12',
    "Suivi de l'expérimentation Messagerie": '=HYPERLINK("x")',
  };
  env.submitForm(form.id, answers);
  console.log(w.io, w.summary(), env.logs);
  const suivi = env.container.sheet('Suivi')!;
  console.log(suivi.cells[2]?.map((c) => c?.value).slice(0, 28));
  const journal = env.container.sheet('Journal')!;
  console.log(journal.cells.map((r) => r?.map((c) => c?.value).slice(1, 6).join(' | ')).join('\n'));
});
