// Each binôme's Monday digest names only its own establishments: who has not reported, overdue and coming points,
// late actions.
import { MemoryAccompanimentStore } from '../../src/app/accompaniment-memory-store';
import { recordPoint, seedBinomes } from '../../src/app/accompaniment';
import { planBinomeDigests } from '../../src/domain/binome-digest';
import { pilotCalendar } from '../../src/domain/calendar';
import { accompanimentSettings } from '../../src/schema/accompaniment';
import { BINOMES } from '../support/contract/accompaniment-contract';
import { appContext } from '../support/project';

describe('planBinomeDigests', () => {
  it('sends each binôme the state of its own establishments', () => {
    const ctx = { ...appContext('2022-06-01T10:00:00+02:00'), accompaniment: new MemoryAccompanimentStore() };
    seedBinomes(ctx, BINOMES);
    recordPoint(ctx, {
      establishmentId: 'gh-cochin',
      author: 'ars',
      raw: {
        date: '2022-06-01',
        summary: 'Point.',
        nextDate: '2022-06-15',
        actions: [{ text: 'Relancer l’éditeur', owner: 'sesan', dueDate: '2022-06-08' }],
      },
    });
    ctx.clock.set('2022-06-13T09:00:00+02:00');
    const { project, store } = ctx;
    const mails = planBinomeDigests({
      tracking: project.tracking,
      calendar: pilotCalendar(project.config),
      settings: accompanimentSettings(project.config),
      establishments: store.listEstablishments(),
      ledgers: new Map(),
      current: new Map(),
      data: {
        binomes: ctx.accompaniment.listBinomes(),
        assignments: ctx.accompaniment.listAssignments(),
        points: ctx.accompaniment.listPoints(),
        actions: ctx.accompaniment.listActions(),
      },
      now: ctx.clock.now(),
      pilotName: 'Pilotes',
      week: '2022-W23',
    });
    expect(mails.map((m) => m.to)).toEqual([
      ['helene.garnier@ars.example.fr', 'antoine.perrin@sesan.example.fr'],
      ['marc.lefebvre@ars.example.fr', 'camille.robin@sesan.example.fr'],
    ]);
    const [b1, b2] = mails;
    expect(b1?.body).toContain('Déclaration non reçue :\n  - GH COCHIN');
    expect(b1?.body).toContain('Points de suivi à tenir dans les 7 jours :\n  - GH COCHIN : 15/06/2022');
    expect(b1?.body).toContain(
      'Actions en retard :\n  - GH COCHIN : Relancer l’éditeur (échéance 08/06/2022)',
    );
    expect(b1?.body).not.toContain('CLINIQUE DU PARC');
    expect(b2?.body).toContain('Points de suivi en retard :\n  - CLINIQUE DU PARC (prévu le 26/05/2022)');
    expect(b2?.body).not.toContain('GH COCHIN');
  });
});
