// The workbook model's typed cells as values written with valueInputOption RAW: text stays text (a « =… » answer is
// never a formula), numbers are JSON numbers, dates and date-times are serial numbers (days since 1899-12-30, Paris
// wall clock) shown through the column's number format. Pure.
import type { Cell } from '../domain/workbook/cells';
import { DAY_MS, fromParis, toParis } from '../domain/paris-time';

export type RawCellValue = string | number;

const EPOCH_MS = Date.UTC(1899, 11, 30);

/** `YYYY-MM-DD` → days since 1899-12-30, the spreadsheet serial of that day. */
export function dateSerial(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - EPOCH_MS) / DAY_MS);
}

/** A date serial (days since 1899-12-30, any time of day ignored) → `YYYY-MM-DD`. */
export function isoDateFromSerial(serial: number): string {
  return new Date(EPOCH_MS + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** An instant as the serial of its Paris wall-clock date and time. */
export function dateTimeSerial(iso: string): number {
  const p = toParis(new Date(iso));
  const day = (Date.UTC(p.year, p.month - 1, p.day) - EPOCH_MS) / DAY_MS;
  return day + (p.hour * 3600 + p.minute * 60 + p.second) / 86400;
}

/**
 * A date-time serial read back (Paris wall clock, as dateTimeSerial writes it) → the ISO instant, to the second (a
 * cell keeps no more). In the autumn overlap the earlier instant is chosen, as fromParis does.
 */
export function instantFromDateTimeSerial(serial: number): string {
  const seconds = Math.round(serial * 86400);
  const wall = new Date(EPOCH_MS + seconds * 1000);
  const minute = fromParis(
    wall.getUTCFullYear(),
    wall.getUTCMonth() + 1,
    wall.getUTCDate(),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
  );
  return new Date(minute.getTime() + wall.getUTCSeconds() * 1000).toISOString();
}

export function rawValue(cell: Cell): RawCellValue {
  if (cell === null) return '';
  switch (cell.t) {
    case 's':
      return cell.v;
    case 'n':
      return cell.v;
    case 'd':
      return dateSerial(cell.v);
    case 'dt':
      return dateTimeSerial(cell.v);
  }
}

export function rawRow(cells: readonly Cell[]): RawCellValue[] {
  return cells.map(rawValue);
}
