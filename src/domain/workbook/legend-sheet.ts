// Légende: the deck's legend, owner × cadence. Pure: also runs inside Apps Script.
import { ROLES, type TrackingFile } from '../../schema/tracking-file';
import { text, type Cell } from './cells';
import { HEADER_GREY, SHEET_NAMES, TITLE_STYLE, type SheetModel } from './sheet-model';

export function legendSheet(tracking: TrackingFile): SheetModel {
  const cadences = ['init', 'weekly'] as const;
  const rows: Cell[][] = [[text('Légende du fichier de suivi'), null, null]];
  rows.push([text('Couleur'), text(tracking.cadences.init), text(tracking.cadences.weekly)]);
  const styles: SheetModel['styles'] = [
    { rect: { row: 0, col: 0, rows: 1, cols: 3 }, style: TITLE_STYLE },
    { rect: { row: 1, col: 0, rows: 1, cols: 3 }, style: { bold: true, fill: HEADER_GREY, wrap: true } },
  ];
  ROLES.forEach((role, i) => {
    rows.push([text(tracking.owners[role].legend), text('exemple'), text('exemple')]);
    cadences.forEach((cadence, j) =>
      styles.push({
        rect: { row: 2 + i, col: 1 + j, rows: 1, cols: 1 },
        style: { fill: tracking.owners[role].colors[cadence], fontColor: '#555555', italic: true },
      }),
    );
  });
  return {
    name: SHEET_NAMES.legend,
    columns: [
      { key: 'owner', width: 300, hidden: false, owner: null, format: 'text' },
      { key: 'init', width: 260, hidden: false, owner: null, format: 'text' },
      { key: 'weekly', width: 200, hidden: false, owner: null, format: 'text' },
    ],
    header: [],
    rows,
    merges: [],
    styles,
    frozen: { rows: 0, columns: 0 },
    validations: [],
    hidden: false,
    charts: [],
    editableBy: {},
  };
}
