// The RetexStore contract: every runtime's RetexStore (memory, SQLite, later Apps Script properties) keeps ARS
// section texts with their history and issued versions as frozen snapshots. A runtime's test file calls
// `describeRetexStoreContract('SQLite', () => …)`.
import type { RetexStore } from '../../../src/ports';
import { planRetexIssue, type RetexIssue } from '../../../src/domain/retex/issue';
import { buildRetexDraft } from '../../../src/domain/retex/draft';
import { CROSS_CUTTING_KEY } from '../../../src/domain/retex/groups';
import { arsSections } from '../../../src/domain/retex/template';
import { retexTextsBasis, saveRetexSectionText } from '../../../src/app/build-retex';
import { retexTemplatesDir } from '../../../src/node/project-files';
import { readRetexDescriptions } from '../../../src/node/retex-files';
import { appContext, defaultProject } from '../project';
import { TRICKY_TEXT } from '../retex-season';

export interface RetexStoreUnderTest {
  store: RetexStore;
  /** Reopens the same data, to show writes were durable. */
  reopen?: () => RetexStore;
  /** For asynchronous runtimes (REST): writes what is pending, then reopens from what the backend holds. */
  reopenAsync?: () => Promise<RetexStore>;
  cleanup?: () => void;
}

/** A real issue of the seeded pilots (no report yet), as the use case records it. */
export function sampleIssue(label: 'V1' | 'V1.1' = 'V1'): RetexIssue {
  const project = defaultProject();
  const ctx = appContext();
  const draft = buildRetexDraft({
    tracking: project.tracking,
    config: project.config,
    departments: project.departments,
    establishments: ctx.store.listEstablishments(),
    versions: [],
    changes: [],
    sectionTexts: [],
    templates: readRetexDescriptions(project, retexTemplatesDir(project)),
    milestone: 'V1',
    now: ctx.clock.now(),
  });
  const issue = planRetexIssue(draft, [], ctx.clock.now(), 'cli').issue;
  return label === 'V1' ? issue : { ...issue, number: 1, label, fingerprint: `${issue.fingerprint}x` };
}

export function describeRetexStoreContract(name: string, make: () => RetexStoreUnderTest): void {
  describe(`RetexStore contract — ${name}`, () => {
    let subject: RetexStoreUnderTest;
    beforeEach(() => {
      subject = make();
    });
    afterEach(() => subject.cleanup?.());
    const reopened = async () => (await subject.reopenAsync?.()) ?? subject.reopen?.() ?? subject.store;

    it('starts empty', () => {
      expect(subject.store.listSectionTexts()).toEqual([]);
      expect(subject.store.listIssues()).toEqual([]);
    });

    it('keeps every section text in the order saved, tricky characters intact', async () => {
      const a = {
        documentKey: 'transverse',
        sectionId: 'ins',
        text: 'Premier',
        author: 'a@ars.fr',
        at: '2022-06-01T08:00:00.000Z',
      };
      const b = { ...a, text: `${TRICKY_TEXT}\nligne 2`, at: '2022-06-02T08:00:00.000Z' };
      subject.store.saveSectionText(a);
      subject.store.saveSectionText(b);
      const store = await reopened();
      expect(store.listSectionTexts()).toEqual([a, b]);
    });

    it('refuses a section text saved from a page shown before a colleague changed that section', () => {
      const project = defaultProject();
      const ctx = appContext();
      const templates = readRetexDescriptions(project, retexTemplatesDir(project));
      const [section, other] = arsSections(templates.crossCutting);
      if (!section || !other) throw new Error('two ARS sections expected');
      const ids = [section.id, other.id];
      const save = (sectionId: string, text: string, basis: string) =>
        saveRetexSectionText(ctx, subject.store, templates, {
          documentKey: CROSS_CUTTING_KEY,
          sectionId,
          text,
          author: 'ars@ars.fr',
          basis,
        });
      const shown = retexTextsBasis(subject.store, CROSS_CUTTING_KEY, ids);
      expect(save(section.id, 'Texte de la collègue', shown).status).toBe('saved');
      expect(save(section.id, 'Mon texte', shown)).toMatchObject({ status: 'stale', changed: [section.id] });
      // Another section of the same page did not change: its text, from the same page, is kept.
      expect(save(other.id, 'Autre section', shown).status).toBe('saved');
      expect(subject.store.listSectionTexts().map((t) => t.text)).toEqual([
        'Texte de la collègue',
        'Autre section',
      ]);
      const fresh = retexTextsBasis(subject.store, CROSS_CUTTING_KEY, ids);
      expect(save(section.id, 'Mon texte', fresh).status).toBe('saved');
    });

    it('gives back an issued snapshot exactly as recorded, by milestone', async () => {
      const v1 = sampleIssue('V1');
      subject.store.recordIssue(v1);
      subject.store.recordIssue(sampleIssue('V1.1'));
      const store = await reopened();
      expect(store.listIssues('V1').map((i) => i.label)).toEqual(['V1', 'V1.1']);
      expect(store.listIssues('V1')[0]).toEqual(v1);
      expect(store.listIssues('VF')).toEqual([]);
    });

    it('refuses to record a version label twice: an issued version never changes', () => {
      const v1 = sampleIssue('V1');
      subject.store.recordIssue(v1);
      expect(() => subject.store.recordIssue({ ...v1, fingerprint: 'other' })).toThrow(/already issued/);
      expect(subject.store.listIssues()).toHaveLength(1);
      expect(subject.store.listIssues()[0]?.fingerprint).toBe(v1.fingerprint);
    });

    it('hands out copies: changing a listed issue does not change the stored one', () => {
      subject.store.recordIssue(sampleIssue('V1'));
      const listed = subject.store.listIssues()[0]!;
      listed.documents[0]!.model.values.total_dmp_fed = 999;
      expect(subject.store.listIssues()[0]?.documents[0]?.model.values.total_dmp_fed).toBe(0);
    });
  });
}
