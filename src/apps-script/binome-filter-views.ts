// One filter view per binôme on Suivi (« Binôme — … »): its own establishments' rows, the others hidden by the
// establishment column. Filter views exist only in the Sheets API (advanced service « Sheets »,
// spreadsheets.batchUpdate addFilterView; SpreadsheetApp has none — Google, « Manage data visibility with filters »,
// https://developers.google.com/workspace/sheets/api/guides/filters). Rewritten (ours deleted, the wanted ones
// added, in one batch) only when the binômes, the assignments or the establishments changed since the last time:
// a fingerprint in Script Properties says so. Without the advanced service nothing is done and the caller is told.
import { binomeLabel, currentAssignments, currentBinomes } from '../domain/accompaniment';
import { establishmentName } from '../domain/model';
import type { SheetAccompanimentStore } from './accompaniment-store';
import type { Runtime } from './runtime';
import { SUIVI } from './workbook-geometry';

export const FILTER_VIEW_PREFIX = 'Binôme — ';
const FINGERPRINT_KEY = 'accompaniment.filterViews';

interface WantedView {
  title: string;
  hidden: string[];
}

export function wantedFilterViews(rt: Runtime, store: SheetAccompanimentStore): WantedView[] {
  const assigned = currentAssignments(store.listAssignments());
  const establishments = rt.store.listEstablishments();
  return currentBinomes(store.listBinomes()).map((b) => ({
    title: `${FILTER_VIEW_PREFIX}${binomeLabel(b)}`,
    hidden: [
      ...new Set(establishments.filter((e) => assigned.get(e.id) !== b.id).map(establishmentName)),
    ].sort(),
  }));
}

export type FilterViewsOutcome = 'unchanged' | 'written' | 'unavailable';

export function syncBinomeFilterViews(rt: Runtime, store: SheetAccompanimentStore): FilterViewsOutcome {
  const api = rt.services.Sheets?.Spreadsheets;
  if (!api) return 'unavailable';
  const wanted = wantedFilterViews(rt, store);
  const print = JSON.stringify(wanted);
  if (rt.settings.get(FINGERPRINT_KEY) === print) return 'unchanged';
  const suivi = rt.store.sheet(SUIVI);
  const sheetId = suivi.getSheetId();
  const g = rt.store.geometry;
  const masterId = rt.master.getId();
  const existing = (
    api.get(masterId, { fields: 'sheets(properties.sheetId,filterViews(filterViewId,title))' }).sheets ?? []
  )
    .filter((s) => s.properties?.sheetId === sheetId)
    .flatMap((s) => s.filterViews ?? [])
    .filter((v) => (v.title ?? '').startsWith(FILTER_VIEW_PREFIX) && typeof v.filterViewId === 'number');
  const requests: object[] = [
    ...existing.map((v) => ({ deleteFilterView: { filterId: v.filterViewId } })),
    ...wanted.map((w) => ({
      addFilterView: {
        filter: {
          title: w.title,
          // The filter's first row is Suivi's last header row.
          range: {
            sheetId,
            startRowIndex: g.headerRows - 1,
            startColumnIndex: 0,
            endColumnIndex: g.suiviWidth,
          },
          filterSpecs: [
            { columnIndex: g.column('establishment') - 1, filterCriteria: { hiddenValues: w.hidden } },
          ],
        },
      },
    })),
  ];
  if (requests.length > 0) api.batchUpdate({ requests }, masterId);
  rt.settings.set(FINGERPRINT_KEY, print);
  return 'written';
}
