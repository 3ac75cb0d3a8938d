// Issuing a RETEX: version numbers, frozen snapshots, file names.
import {
  planRetexIssue,
  retexFingerprint,
  retexVersionLabel,
  type RetexIssue,
} from '../../../src/domain/retex/issue';
import type { RetexDocumentModel } from '../../../src/domain/retex/document';
import type { RetexDraft } from '../../../src/domain/retex/draft';

function model(key: string, kind: RetexDocumentModel['kind'], total: number): RetexDocumentModel {
  return {
    key,
    kind,
    template: kind === 'use-case' ? 'fiche-cas-usage' : 'fiche-transverse',
    title: key,
    slug: key === 'transverse' ? 'enseignements-transverses' : 'gh-cochin-confirmation',
    establishmentIds: ['gh-cochin'],
    rowKeys: ['gh-cochin/uc1'],
    values: { version: '', issued_on: '', total_dmp_fed: total },
    chart: { weeks: ['2022-W23'], series: [{ id: 'dmp_fed', label: 'DMP', values: [total] }] },
    sections: [{ id: 'context', title: 'Contexte', text: '' }],
    dataBasis: {
      milestone: 'V1',
      cutoffDate: '2022-06-30',
      cutoffWeek: '2022-W26',
      firstWeek: '2022-W19',
      lastReportedWeek: '2022-W23',
      receivedUntil: '2022-06-30T21:59:59.999Z',
      reportCount: 1,
      annotationCount: 0,
    },
  };
}

function draft(total: number, milestone: 'V1' | 'VF' = 'V1'): RetexDraft {
  return {
    milestone,
    documents: [model('cas-usage:x|', 'use-case', total), model('transverse', 'cross-cutting', total)],
  };
}

const JULY_4 = new Date('2022-07-04T08:00:00Z');

describe('planRetexIssue', () => {
  it('issues V1 first, stamping the version and the issue date into each document', () => {
    const plan = planRetexIssue(draft(5), [], JULY_4, 'cli');
    expect(plan.status).toBe('new');
    expect(plan.issue).toMatchObject({ milestone: 'V1', number: 0, label: 'V1', author: 'cli' });
    expect(plan.issue.documents[0]?.model.values).toMatchObject({ version: 'V1', issued_on: '04/07/2022' });
    expect(plan.issue.documents.map((d) => d.fileBase)).toEqual([
      'RETEX-V1-cas-usage-gh-cochin-confirmation-2022-07-04',
      'RETEX-V1-transverse-2022-07-04',
    ]);
  });

  it('keeps the version in force when nothing changed, whatever the day', () => {
    const first = planRetexIssue(draft(5), [], JULY_4, 'cli').issue;
    const again = planRetexIssue(draft(5), [first], new Date('2022-07-10T08:00:00Z'), 'other');
    expect(again).toEqual({ status: 'unchanged', issue: first });
  });

  it('issues V1.1 then V1.2 as data changes, naming the version it supersedes', () => {
    const v1 = planRetexIssue(draft(5), [], JULY_4, 'cli').issue;
    const v11 = planRetexIssue(draft(6), [v1], JULY_4, 'cli');
    expect(v11).toMatchObject({
      status: 'new',
      issue: { label: 'V1.1', number: 1 },
      previous: { label: 'V1' },
    });
    const v12 = planRetexIssue(draft(7), [v1, v11.issue], JULY_4, 'cli');
    expect(v12.issue.label).toBe('V1.2');
    expect(v12.issue.documents[1]?.fileBase).toBe('RETEX-V1.2-transverse-2022-07-04');
  });

  it('numbers VF on its own, after any number of V1 versions', () => {
    const v1 = planRetexIssue(draft(5), [], JULY_4, 'cli').issue;
    const v11 = planRetexIssue(draft(6), [v1], JULY_4, 'cli').issue;
    const vf = planRetexIssue(draft(6, 'VF'), [v1, v11], new Date('2022-10-01T08:00:00Z'), 'cli');
    expect(vf.issue.label).toBe('VF');
  });

  it('does not let a caller change an issued snapshot through the draft it came from', () => {
    const d = draft(5);
    const issue: RetexIssue = planRetexIssue(d, [], JULY_4, 'cli').issue;
    (d.documents[0]!.values as Record<string, unknown>).total_dmp_fed = 99;
    expect(issue.documents[0]?.model.values.total_dmp_fed).toBe(5);
  });
});

describe('retexFingerprint', () => {
  it('ignores the version stamp and changes with any figure or text', () => {
    const a = draft(5);
    const stamped = {
      ...a,
      documents: a.documents.map((d) => ({ ...d, values: { ...d.values, version: 'V1.3' } })),
    };
    expect(retexFingerprint(stamped)).toBe(retexFingerprint(a));
    expect(retexFingerprint(draft(6))).not.toBe(retexFingerprint(a));
    const texted = draft(5);
    texted.documents[0]!.sections[0]!.text = 'Texte ARS';
    expect(retexFingerprint(texted)).not.toBe(retexFingerprint(a));
    expect(retexFingerprint(a)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('retexVersionLabel', () => {
  it.each([
    ['V1', 0, 'V1'],
    ['V1', 1, 'V1.1'],
    ['VF', 12, 'VF.12'],
  ] as const)('%s number %i is %s', (milestone, number, label) => {
    expect(retexVersionLabel(milestone, number)).toBe(label);
  });
});
