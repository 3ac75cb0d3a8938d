import { canWrite, writableColumns } from '../../src/domain/access';
import { requireColumn } from '../../src/domain/columns';
import type { Role } from '../../src/schema/tracking-file';
import { defaultProject } from '../support/project';

const { tracking } = defaultProject();
const allowed = (role: Role, column: string, mode: 'entry' | 'correction' = 'entry') =>
  canWrite(tracking, role, requireColumn(tracking, column), mode).allowed;

describe('column ownership', () => {
  it.each([
    ['es', 'dmp_fed', 'entry', true],
    ['es', 'bed_count', 'entry', true],
    ['es', 'actions', 'entry', false],
    ['es', 'remarks', 'entry', false],
    ['es', 'establishment', 'entry', false],
    ['ars', 'actions', 'entry', true],
    ['ars', 'region', 'entry', true],
    ['ars', 'dmp_fed', 'entry', false],
    ['ars', 'remarks', 'entry', false],
    ['ars', 'dmp_fed', 'correction', true],
    ['ars', 'vigilance_points', 'correction', true],
    ['ars', 'bed_count', 'correction', false],
    ['ans', 'remarks', 'entry', true],
    ['ans', 'actions', 'entry', false],
    ['ans', 'dmp_fed', 'correction', false],
    ['es', 'dmp_fed', 'correction', false],
  ] as const)('%s writing %s (%s): %s', (role, column, mode, expected) => {
    expect(allowed(role, column, mode)).toBe(expected);
  });

  it('names the column and its owner when it refuses', () => {
    const decision = canWrite(tracking, 'ans', requireColumn(tracking, 'actions'));
    expect(!decision.allowed && decision.error.message).toBe(
      "« Actions en cours ou à mener » : cette colonne est réservée (« A remplir/compléter par l'ARS / SESAN »).",
    );
  });

  it('gives each role exactly the columns it owns', () => {
    expect(writableColumns(tracking, 'ans').map((c) => c.id)).toEqual(['remarks']);
    expect(writableColumns(tracking, 'ars').map((c) => c.id)).toEqual([
      'region',
      'department',
      'establishment',
      'es_type',
      'group',
      'ars_contact',
      'launch_meeting_date',
      'actions',
    ]);
  });
});
