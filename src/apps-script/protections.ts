// The workbook's protections from the core's protection plan (one range per role's column block on Suivi,
// owner-only headers and computed tabs), plus this runtime's own hidden columns and tabs, owner-only, and the
// « Textes RETEX » tab where only the ARS writes, in its text column. Found again
// by their description, so a re-install updates editors instead of adding protections; the account running the
// script is always kept as an editor (Google's own pattern). Protections restrict editing, they hide nothing.
// The new ones are added in one Sheets API batch (the REST runtime's addProtectedRange requests); existing ones
// are checked and corrected through SpreadsheetApp, which is also the way back when Google refuses the batch.
import { protectionPlan, roleEmails, type ProtectionSpec } from '../domain/workbook/protection-plan';
import { protectionRequest, retexDataProtection } from '../google/workbook-requests';
import type { GasProtection } from './gas-api';
import type { Runtime } from './runtime';
import { sendSheetsBatch } from './sheets-batch';
import { emptyWorkbook } from './workbook-install';
import { MODIFICATIONS, SUIVI } from './workbook-geometry';
import { accompanimentProtectionSpecs } from './accompaniment-tabs';
import { ACCOMPANIMENT_DATA_SHEET } from './accompaniment-store';
import { BINOME_COLUMN_KEY, binomeColumnProtection } from './binome-column-protection';
import { RETEX_TEXTS_SHEET, RETEX_TEXTS_WIDTH, TEXT_COLUMNS } from './retex/retex-texts';

const PREFIX = 'suivi-mes:';

export interface ProtectionOutcome {
  created: number;
  updated: number;
  removed: number;
}

export function protectionSpecs(rt: Runtime): Array<Omit<ProtectionSpec, 'sheet'> & { sheet: string }> {
  const g = rt.store.geometry;
  return [
    ...protectionPlan(emptyWorkbook(rt), rt.project.config),
    {
      sheet: SUIVI,
      rect: { row: 0, col: g.recordCol - 1, rows: null, cols: 1 },
      editors: [],
      role: 'owner',
      description: `${PREFIX}${SUIVI}:records`,
    },
    {
      sheet: MODIFICATIONS,
      rect: null,
      editors: [],
      role: 'owner',
      description: `${PREFIX}${MODIFICATIONS}:owner`,
    },
    { ...retexDataProtection, role: 'owner' },
    {
      sheet: RETEX_TEXTS_SHEET,
      rect: { row: 0, col: 0, rows: 1, cols: RETEX_TEXTS_WIDTH },
      editors: [],
      role: 'owner',
      description: `${PREFIX}${RETEX_TEXTS_SHEET}:header`,
    },
    {
      sheet: RETEX_TEXTS_SHEET,
      rect: { row: 1, col: 0, rows: null, cols: TEXT_COLUMNS.text - 1 },
      editors: [],
      role: 'owner',
      description: `${PREFIX}${RETEX_TEXTS_SHEET}:sections`,
    },
    {
      sheet: RETEX_TEXTS_SHEET,
      rect: { row: 1, col: TEXT_COLUMNS.text - 1, rows: null, cols: 1 },
      editors: roleEmails(rt.project.config, 'ars'),
      role: 'ars',
      description: `${PREFIX}${RETEX_TEXTS_SHEET}:ars`,
    },
    {
      sheet: RETEX_TEXTS_SHEET,
      rect: {
        row: 1,
        col: TEXT_COLUMNS.status - 1,
        rows: null,
        cols: RETEX_TEXTS_WIDTH - TEXT_COLUMNS.status + 1,
      },
      editors: [],
      role: 'owner',
      description: `${PREFIX}${RETEX_TEXTS_SHEET}:state`,
    },
    // The accompaniment's tabs, once drawn (accompaniment-tabs.ts draws them after install).
    ...(rt.master.getSheetByName(ACCOMPANIMENT_DATA_SHEET) ? accompanimentProtectionSpecs(rt) : []),
    // Hook: Suivi's « Binôme ARS / SESAN » column, once binome-column.ts has drawn it.
    ...(rt.settings.get(BINOME_COLUMN_KEY) !== undefined ? [binomeColumnProtection(rt)] : []),
  ];
}

/**
 * Adds protection editors; when Google refuses the batch (an address without a Google account: the install's drive
 * phase has journaled it already), the others are added one by one and the refused ones left out.
 */
function addEditorsOneByOneOnRefusal(p: GasProtection, emails: readonly string[]): void {
  try {
    p.addEditors([...emails]);
  } catch {
    for (const email of emails)
      try {
        p.addEditor(email);
      } catch {
        // Left out: the address cannot open the file anyway.
      }
  }
}

/**
 * Adds the protections that do not exist yet in one Sheets API batch, each with its editors (the account running
 * the script always one; Google keeps the owner): the REST runtime's addProtectedRange requests. False when Google
 * refuses the batch (an editor without a Google account: then nothing at all was applied) or the advanced service
 * is missing: the caller then makes them one by one.
 */
function addInOneBatch(
  rt: Runtime,
  me: string,
  missing: ReadonlyArray<Omit<ProtectionSpec, 'sheet'> & { sheet: string }>,
): boolean {
  if (missing.length === 0 || !rt.services.Sheets?.Spreadsheets) return missing.length === 0;
  const requests = missing.map((spec) =>
    protectionRequest(spec, rt.store.sheet(spec.sheet).getSheetId(), me || undefined),
  );
  try {
    sendSheetsBatch(rt.services, rt.master.getId(), requests);
    return true;
  } catch {
    return false;
  }
}

/** Applies `wanted` (default: every protection); `removeStale`: also removes ours that are no longer wanted. */
export function applyProtections(
  rt: Runtime,
  wanted: Array<Omit<ProtectionSpec, 'sheet'> & { sheet: string }> = protectionSpecs(rt),
  removeStale = true,
): ProtectionOutcome {
  const { SpreadsheetApp, Session } = rt.services;
  const me = Session.getEffectiveUser().getEmail();
  const existing = new Map<string, GasProtection>();
  for (const type of [SpreadsheetApp.ProtectionType.RANGE, SpreadsheetApp.ProtectionType.SHEET])
    for (const p of rt.master.getProtections(type)) {
      const d = p.getDescription();
      if (d.startsWith(PREFIX)) existing.set(d, p);
    }
  const outcome: ProtectionOutcome = { created: 0, updated: 0, removed: 0 };
  const missing = wanted.filter((spec) => !existing.has(spec.description));
  const batched = addInOneBatch(rt, me, missing);
  if (batched) outcome.created = missing.length;
  for (const spec of wanted) {
    let p = existing.get(spec.description);
    existing.delete(spec.description);
    if (!p && batched) continue;
    if (!p) {
      const sheet = rt.store.sheet(spec.sheet);
      const rect = spec.rect;
      p = rect
        ? sheet
            .getRange(rect.row + 1, rect.col + 1, rect.rows ?? sheet.getMaxRows() - rect.row, rect.cols)
            .protect()
        : sheet.protect();
      p.setDescription(spec.description).addEditor(me);
      outcome.created += 1;
    } else outcome.updated += 1;
    const desired = new Set([me, ...spec.editors]);
    const current = p.getEditors().map((u) => u.getEmail());
    const extra = current.filter((e) => !desired.has(e));
    if (extra.length > 0) p.removeEditors(extra);
    if (p.canDomainEdit()) p.setDomainEdit(false);
    const missingEditors = spec.editors.filter((e) => !current.includes(e));
    if (missingEditors.length > 0) addEditorsOneByOneOnRefusal(p, missingEditors);
  }
  if (removeStale)
    for (const stale of existing.values()) {
      stale.remove();
      outcome.removed += 1;
    }
  return outcome;
}
