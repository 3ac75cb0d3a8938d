// The accompaniment use cases against any pair of stores (the runtime's Store and its AccompanimentStore): every
// runtime must give the same outcomes. Run by test/app (memory) and test/local (SQLite); a Google runtime runs it
// on its tabs.
import {
  assignBinome,
  changeActionStatus,
  recordPoint,
  saveBinome,
  saveCommitteeText,
  seedBinomes,
  type AccompanimentContext,
} from '../../../src/app/accompaniment';
import { issueCommittee } from '../../../src/app/committee';
import { currentAssignments, currentBinomes } from '../../../src/domain/accompaniment';
import { rowKey } from '../../../src/domain/model';
import type { BinomesFile } from '../../../src/schema/accompaniment';
import type { FixedClock } from '../project';

export interface ContractSubject {
  ctx: AccompanimentContext & { clock: FixedClock };
  cleanup?: () => void;
}

export const BINOMES: BinomesFile = {
  binomes: [
    {
      id: 'b1',
      ars: { name: 'Hélène Garnier', email: 'helene.garnier@ars.example.fr', phone: '01 99 00 00 01' },
      sesan: { name: 'Antoine Perrin', email: 'antoine.perrin@sesan.example.fr', phone: '0199000002' },
    },
    {
      id: 'b2',
      ars: { name: 'Marc Lefebvre', email: 'marc.lefebvre@ars.example.fr', phone: '01 99 00 00 03' },
      sesan: { name: 'Camille Robin', email: 'camille.robin@sesan.example.fr', phone: '01 99 00 00 04' },
    },
  ],
  assignments: { 'gh-cochin': 'b1', 'clinique-du-parc': 'b2' },
};

const POINT = {
  date: '2022-06-14',
  participants: 'ARS, SESAN, chef de projet',
  summary: 'Revue des envois de la semaine.',
  decisions: 'Relancer l’éditeur.',
  nextDate: '2022-06-28',
  actions: [
    { text: 'Former deux secrétaires', owner: 'es', dueDate: '2022-06-21' },
    { text: 'Relancer l’éditeur du DPI', owner: 'sesan', dueDate: '2022-06-24' },
    { text: '', owner: 'es', dueDate: '' },
  ],
};

export function describeAccompanimentContract(name: string, make: () => ContractSubject): void {
  describe(`accompaniment use cases (${name})`, () => {
    let subject: ContractSubject;
    beforeEach(() => {
      subject = make();
    });
    afterEach(() => subject.cleanup?.());

    it('seeds binômes once, derives the ARS contact, and keeps what the ARS changed', () => {
      const { ctx } = subject;
      expect(seedBinomes(ctx, BINOMES)).toEqual({
        binomes: ['b1', 'b2'],
        assignments: ['gh-cochin', 'clinique-du-parc'],
      });
      expect(ctx.store.getEstablishment('gh-cochin')?.values.ars_contact).toEqual([
        expect.objectContaining({
          first_name: 'Hélène',
          last_name: 'Garnier',
          email: 'helene.garnier@ars.example.fr',
        }),
        expect.objectContaining({ first_name: 'Antoine', last_name: 'Perrin' }),
      ]);
      expect(assignBinome(ctx, { establishmentId: 'gh-cochin', binomeId: 'b2', author: 'ars' }).status).toBe(
        'saved',
      );
      expect(seedBinomes(ctx, BINOMES)).toEqual({ binomes: [], assignments: [] });
      expect(currentAssignments(ctx.accompaniment.listAssignments()).get('gh-cochin')).toBe('b2');
      expect(ctx.store.getEstablishment('gh-cochin')?.values.ars_contact).toEqual([
        expect.objectContaining({ last_name: 'Lefebvre' }),
        expect.objectContaining({ last_name: 'Robin' }),
      ]);
    });

    it('keeps a contact the ARS wrote by hand when the binôme changes', () => {
      const { ctx } = subject;
      seedBinomes(ctx, BINOMES);
      const hand = [
        {
          last_name: 'Durand',
          first_name: 'Joëlle',
          email: 'j.durand@ars.example.fr',
          role: 'DD',
          phone: '01 02 03 04 05',
        },
      ];
      ctx.store.recordCellChange({
        scope: 'establishment',
        target: 'gh-cochin',
        columnId: 'ars_contact',
        value: hand,
        previous: ctx.store.getEstablishment('gh-cochin')?.values.ars_contact ?? null,
        author: 'ars',
        role: 'ars',
        at: ctx.clock.now().toISOString(),
        source: 'grid',
      });
      const form = {
        id: 'b1',
        arsName: 'Hélène Garnier-Roy',
        arsEmail: 'helene.garnier@ars.example.fr',
        sesanName: 'Antoine Perrin',
        sesanEmail: 'antoine.perrin@sesan.example.fr',
      };
      expect(saveBinome(ctx, { form, author: 'ars' }).status).toBe('saved');
      expect(ctx.store.getEstablishment('gh-cochin')?.values.ars_contact).toEqual(hand);
      expect(currentBinomes(ctx.accompaniment.listBinomes()).find((b) => b.id === 'b1')?.ars.name).toBe(
        'Hélène Garnier-Roy',
      );
      expect(ctx.accompaniment.listBinomes().filter((b) => b.id === 'b1')).toHaveLength(2);
    });

    it('refuses a bad binôme in French, naming the field', () => {
      const outcome = saveBinome(subject.ctx, {
        form: {
          id: 'B 1',
          arsName: '',
          arsEmail: 'pas-une-adresse',
          sesanName: 'X',
          sesanEmail: 'x@sesan.example.fr',
        },
        author: 'ars',
      });
      expect(outcome.status).toBe('refused');
      const messages = outcome.status === 'refused' ? outcome.errors.map((e) => e.message).join('\n') : '';
      expect(messages).toMatch(/« Identifiant »/);
      expect(messages).toMatch(/« Nom de l’agent ARS » : nom attendu/);
      expect(messages).toMatch(/« Adresse mail de l’agent ARS » : adresse e-mail attendue/);
      expect(subject.ctx.accompaniment.listBinomes()).toEqual([]);
    });

    it('records a point with its actions, shows open actions in « Actions en cours ou à mener », lets the ES close its own', () => {
      const { ctx } = subject;
      const outcome = recordPoint(ctx, { establishmentId: 'gh-cochin', raw: POINT, author: 'ars' });
      if (outcome.status !== 'saved') throw new Error(JSON.stringify(outcome));
      expect(outcome.actions.map((a) => [a.owner, a.status, a.version])).toEqual([
        ['es', 'open', 1],
        ['sesan', 'open', 1],
      ]);
      const key = rowKey('gh-cochin', 'uc1');
      expect(ctx.store.annotations(key).actions).toBe(
        '• Former deux secrétaires (Établissement, échéance 21/06/2022)\n• Relancer l’éditeur du DPI (SESAN, échéance 24/06/2022)',
      );
      const [esAction, sesanAction] = outcome.actions;
      if (!esAction || !sesanAction) throw new Error('two actions expected');
      // The ES may not close an action it does not own, nor one of another establishment.
      expect(
        changeActionStatus(ctx, {
          actionId: sesanAction.id,
          status: 'done',
          comment: '',
          role: 'es',
          author: 'es',
          establishmentId: 'gh-cochin',
        }).status,
      ).toBe('refused');
      expect(
        changeActionStatus(ctx, {
          actionId: esAction.id,
          status: 'done',
          comment: '',
          role: 'es',
          author: 'es',
          establishmentId: 'gh-bichat',
        }).status,
      ).toBe('refused');
      const closed = changeActionStatus(ctx, {
        actionId: esAction.id,
        status: 'done',
        comment: 'Formation faite le 20/06.',
        role: 'es',
        author: 'referent',
        establishmentId: 'gh-cochin',
        baseVersion: 1,
      });
      expect(closed.status).toBe('saved');
      // A second write based on the version the ES saw before is refused rather than overwriting.
      const stale = changeActionStatus(ctx, {
        actionId: esAction.id,
        status: 'dropped',
        comment: '',
        role: 'ars',
        author: 'ars',
        baseVersion: 1,
      });
      expect(stale.status).toBe('refused');
      const stored = ctx.accompaniment.listActions().find((a) => a.id === esAction.id);
      expect(stored?.status).toBe('done');
      expect(stored?.history.map((h) => [h.status, h.role, h.comment])).toEqual([
        ['open', 'ars', ''],
        ['done', 'es', 'Formation faite le 20/06.'],
      ]);
      expect(ctx.store.annotations(key).actions).toBe(
        '• Relancer l’éditeur du DPI (SESAN, échéance 24/06/2022)',
      );
      // History of the cell is kept.
      expect(
        ctx.store.listCellChanges().filter((c) => c.target === key && c.columnId === 'actions'),
      ).toHaveLength(2);
    });

    it('refuses a bad point with French messages and stores nothing', () => {
      const { ctx } = subject;
      const outcome = recordPoint(ctx, {
        establishmentId: 'gh-cochin',
        raw: {
          date: '2022-06-14',
          summary: 'Patient 1 85 05 78 006 084 36 rappelé.',
          nextDate: '2022-06-10',
          actions: [
            { text: '', owner: 'es', dueDate: '2022-06-20' },
            { text: 'Relancer', owner: 'ars', dueDate: '2022-06-01' },
          ],
        },
        author: 'ars',
      });
      expect(outcome.status).toBe('refused');
      const messages = outcome.status === 'refused' ? outcome.errors.map((e) => e.message) : [];
      expect(messages).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/« Compte rendu » : le texte contient une suite de 13 à 15 chiffres/),
          '« Date du prochain point » : doit être après la date du point (14/06/2022).',
          'Action 1 : le texte de l’action est obligatoire.',
          'Action 2 : l’échéance (01/06/2022) est avant la date du point (14/06/2022).',
        ]),
      );
      expect(ctx.accompaniment.listPoints()).toEqual([]);
      expect(ctx.accompaniment.listActions()).toEqual([]);
    });

    it('issues a committee pack once on unchanged data, a new version when the décisions change, the old one frozen', () => {
      const { ctx } = subject;
      seedBinomes(ctx, BINOMES);
      recordPoint(ctx, { establishmentId: 'gh-cochin', raw: POINT, author: 'ars' });
      ctx.clock.set('2022-07-01T09:00:00+02:00');
      const first = issueCommittee(ctx, { month: '2022-06', author: 'ars' });
      expect(first.status).toBe('new');
      expect(issueCommittee(ctx, { month: '2022-06', author: 'ars' })).toMatchObject({
        status: 'unchanged',
        issue: { label: '2022-06' },
      });
      const refused = saveCommitteeText(ctx, {
        month: '2022-06',
        text: 'Patient 1 85 05 78 006 084 36 à rappeler.',
        author: 'ars',
      });
      expect(refused.status).toBe('refused');
      expect(
        saveCommitteeText(ctx, { month: '2022-06', text: 'Arbitrer l’extension.', author: 'ars' }).status,
      ).toBe('saved');
      const second = issueCommittee(ctx, { month: '2022-06', author: 'ars' });
      expect(second).toMatchObject({ status: 'new', issue: { label: '2022-06.1' } });
      const [v0, v1] = ctx.accompaniment.listCommitteeIssues('2022-06');
      expect(v0?.model.values.decisions_to_take).toMatch(/Aucune décision/);
      expect(v1?.model.values.decisions_to_take).toBe('Arbitrer l’extension.');
      const cochin = (v1?.model.values.establishments as Array<Record<string, unknown>>).find(
        (e) => e.name === 'GH COCHIN',
      );
      expect(cochin).toMatchObject({
        open_count: 2,
        late_count: 2,
        last_point: '14/06/2022',
        next_point: '28/06/2022',
      });
    });
  });
}
