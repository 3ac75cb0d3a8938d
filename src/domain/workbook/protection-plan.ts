// Who may edit what in the Google master workbook: one protected range per role's column block on Suivi (unbounded
// downwards), header rows and computed tabs for the owner only. Drawn from the workbook model's `editableBy` and
// the configured e-mails of each role. Pure.
import type { Config } from '../../schema/config';
import type { Role } from '../../schema/tracking-file';
import { columnRuns } from './column-runs';
import type { Rect, SheetModel, WorkbookModel } from './sheet-model';

export interface ProtectionSpec {
  sheet: SheetModel['name'];
  /** A range protection, or the whole sheet when `rect` is null. */
  rect: Rect | null;
  /** Who may edit besides the workbook's owner and the account running the script (always kept by Google). */
  editors: string[];
  role: Role | 'owner';
  /** Stable description, also used to find the protection again on a re-install. */
  description: string;
}

export function roleEmails(config: Config, role: Role): string[] {
  if (role === 'es') return [];
  return [...config.roles[role]];
}

export function protectionPlan(workbook: WorkbookModel, config: Config): ProtectionSpec[] {
  const specs: ProtectionSpec[] = [];
  for (const sheet of workbook.sheets) {
    const headerRows = sheet.header.length;
    const roles = Object.entries(sheet.editableBy) as Array<[Role, number[]]>;
    if (roles.every(([, cols]) => cols.length === 0)) {
      specs.push({
        sheet: sheet.name,
        rect: null,
        editors: [],
        role: 'owner',
        description: `suivi-mes:${sheet.name}:owner`,
      });
      continue;
    }
    if (headerRows > 0)
      specs.push({
        sheet: sheet.name,
        rect: { row: 0, col: 0, rows: headerRows, cols: sheet.columns.length },
        editors: [],
        role: 'owner',
        description: `suivi-mes:${sheet.name}:header`,
      });
    const covered = new Set<number>();
    for (const [role, cols] of roles) {
      for (const [col, count] of columnRuns(cols)) {
        for (let i = col; i < col + count; i += 1) covered.add(i);
        specs.push({
          sheet: sheet.name,
          rect: { row: headerRows, col, rows: null, cols: count },
          editors: roleEmails(config, role),
          role,
          description: `suivi-mes:${sheet.name}:${role}:${col}`,
        });
      }
    }
    const rest = sheet.columns.map((_, i) => i).filter((i) => !covered.has(i));
    for (const [col, count] of columnRuns(rest))
      specs.push({
        sheet: sheet.name,
        rect: { row: headerRows, col, rows: null, cols: count },
        editors: [],
        role: 'owner',
        description: `suivi-mes:${sheet.name}:owner:${col}`,
      });
  }
  return specs;
}
