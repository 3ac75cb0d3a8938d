import { validateCorrection, validateCellEdit, validateProfile } from '../../src/domain/validate-edits';
import { requireColumn } from '../../src/domain/columns';
import type { ReportVersion } from '../../src/domain/model';
import { defaultProject, seededEstablishments, validationContextAt } from '../support/project';

const ctx = validationContextAt('2022-06-20T12:00:00+02:00');
const { tracking } = defaultProject();
const current: ReportVersion = {
  rowKey: 'gh-cochin/uc1',
  week: '2022-W23',
  version: 1,
  values: {
    report_date: '2022-06-10',
    messages_sent: 10,
    messages_received: 2,
    dmp_fed: 50,
    dmp_consulted: 1,
    patients_included: 60,
    visits: 70,
    messaging_feedback: null,
    dmp_feedback: null,
    vigilance_points: null,
  },
  source: 'form',
  submissionId: 's1',
  receivedAt: '2022-06-10T10:00:00Z',
  author: 'es',
  reason: null,
  warnings: [],
};
const ledger = [
  {
    week: '2022-W22',
    version: 1,
    counters: { dmp_fed: 20 },
    firstReceivedAt: null,
    receivedAt: '2022-06-03T10:00:00Z',
  },
  {
    week: '2022-W23',
    version: 1,
    counters: { dmp_fed: 50 },
    firstReceivedAt: null,
    receivedAt: '2022-06-10T10:00:00Z',
  },
];

describe('corrections by the ARS', () => {
  it('requires a reason', () => {
    const r = validateCorrection(ctx, 'ars', current, ledger, {
      week: '2022-W23',
      values: { dmp_fed: '30' },
      reason: ' ',
    });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['REASON_REQUIRED']);
  });

  it('refuses a reason holding a character no file may carry, as every typed text', () => {
    for (const reason of ['Doublons\uFFFF retirés', 'Doublons \uDC00 retirés', 'Doublons\u0001 retirés']) {
      const r = validateCorrection(ctx, 'ars', current, ledger, {
        week: '2022-W23',
        values: { dmp_fed: '30' },
        reason,
      });
      expect(!r.ok && r.errors.map((e) => [e.field, e.code])).toEqual([['reason', 'CONTROL_CHARACTERS']]);
    }
  });

  it('keeps the other values and turns a broken cumul into a warning', () => {
    const r = validateCorrection(ctx, 'ars', current, ledger, {
      week: '2022-W23',
      values: { dmp_fed: '15' },
      reason: 'Doublons retirés',
    });
    expect(r.ok && r.values).toMatchObject({ dmp_fed: 15, visits: 70 });
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(['correction_counter_decreased']);
  });

  it('is refused to the ES and to the ANS', () => {
    for (const role of ['es', 'ans'] as const) {
      const r = validateCorrection(ctx, role, current, ledger, {
        week: '2022-W23',
        values: { dmp_fed: '30' },
        reason: 'Erreur de saisie',
      });
      expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['CORRECTION_NOT_ALLOWED']);
    }
  });

  it('has nothing to correct in a week with no report', () => {
    const r = validateCorrection(ctx, 'ars', undefined, ledger, {
      week: '2022-W24',
      values: {},
      reason: 'Erreur de saisie',
    });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['NOTHING_TO_CORRECT']);
  });
});

describe('cell edits and profiles', () => {
  it('lets the ANS write its remark and nothing else', () => {
    expect(validateCellEdit(ctx, 'ans', requireColumn(tracking, 'remarks'), 'Vu en comité')).toEqual({
      ok: true,
      value: 'Vu en comité',
    });
    expect(validateCellEdit(ctx, 'ans', requireColumn(tracking, 'actions'), 'x').ok).toBe(false);
  });

  it('validates a profile and names a bad field of a use case', () => {
    const cochin = seededEstablishments().find((e) => e.id === 'gh-cochin')!;
    const r = validateProfile(ctx, cochin, {
      values: {
        care_type: ['MCO'],
        bed_count: 'mille',
        es_contact: [],
        software: [],
        ins_status: 'Non déployé',
        dmp_status: 'DPI compatible DMP',
      },
      useCases: { uc1: { pathway: '', use_case: 'x' } },
    });
    expect(!r.ok && r.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'bed_count:NOT_AN_INTEGER',
      'es_contact:REQUIRED',
      'software:REQUIRED',
      'uc1.pathway:REQUIRED',
    ]);
  });
});
