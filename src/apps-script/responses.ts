// Form responses as they reach the script: from a spreadsheet onFormSubmit event (the row just written and its
// display values by question title) or read back from a responses tab by the reconciliation. Both give the same
// submission id — `form:<tab sheet id>:<row>`, with the responses spreadsheet's place after the first one
// (`form:<part>/<tab sheet id>:<row>`) — so a response is ingested once whichever way it arrives.
import { fromParis } from '../domain/paris-time';
import type { AnswersByTitle } from './form-spec';
import type { GasFormSubmitEvent, GasSheet } from './gas-api';

export interface FormResponseRow {
  /** The responses spreadsheet holding the tab (sheet ids are unique within one spreadsheet only). */
  responsesId: string;
  tabId: number;
  tabName: string;
  row: number;
  answers: AnswersByTitle;
  /** When the respondent submitted, if the timestamp could be read. */
  submittedAt: Date | undefined;
}

/** `part`: the responses spreadsheet's place in the list (0, the first one, keeps the original form). */
export function submissionIdOf(tabId: number, row: number, part = 0): string {
  return part === 0 ? `form:${tabId}:${row}` : `form:${part}/${tabId}:${row}`;
}

/**
 * The timestamp cell as the responses spreadsheet displays it. The install sets that spreadsheet to fr_FR and
 * Europe/Paris, so it reads `dd/MM/yyyy HH:mm:ss` in Paris time.
 */
export function parseTimestamp(text: string): Date | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [, d, mo, y, h, mi, s] = m;
  const base = fromParis(Number(y), Number(mo), Number(d), Number(h), Number(mi));
  return new Date(base.getTime() + Number(s ?? 0) * 1000);
}

export function responseFromEvent(event: GasFormSubmitEvent): FormResponseRow {
  const sheet = event.range.getSheet();
  return {
    responsesId: sheet.getParent().getId(),
    tabId: sheet.getSheetId(),
    tabName: sheet.getName(),
    row: event.range.getRow(),
    answers: event.namedValues,
    submittedAt: parseTimestamp(event.values[0] ?? ''),
  };
}

/** One row of a tab as a response, given the tab's header of question titles; undefined for an empty row. */
function rowAsResponse(
  sheet: GasSheet,
  responsesId: string,
  header: readonly string[],
  values: readonly string[],
  row: number,
): FormResponseRow | undefined {
  if (values.every((v) => v === '')) return undefined;
  // As namedValues does: columns sharing a title give one entry with every value.
  const answers: Record<string, string[]> = {};
  header.forEach((title, j) => {
    if (title !== '') answers[title] = [...(answers[title] ?? []), values[j] ?? ''];
  });
  return {
    responsesId,
    tabId: sheet.getSheetId(),
    tabName: sheet.getName(),
    row,
    answers,
    submittedAt: parseTimestamp(values[0] ?? ''),
  };
}

/** Every response row of a tab (row 1 is the header of question titles). */
export function responsesOfTab(sheet: GasSheet, responsesId: string): FormResponseRow[] {
  const values = sheet.getDataRange().getDisplayValues();
  const header = values[0] ?? [];
  return values.slice(1).flatMap((row, i) => rowAsResponse(sheet, responsesId, header, row, i + 2) ?? []);
}

/** One response row of a tab (two reads: the header and the row), undefined if the row is empty or gone. */
export function responseAt(sheet: GasSheet, responsesId: string, row: number): FormResponseRow | undefined {
  const width = sheet.getLastColumn();
  if (width < 1 || row < 2 || row > sheet.getLastRow()) return undefined;
  const [header = []] = sheet.getRange(1, 1, 1, width).getDisplayValues();
  const [values = []] = sheet.getRange(row, 1, 1, width).getDisplayValues();
  return rowAsResponse(sheet, responsesId, header, values, row);
}
