// The submission ids of form responses read through the Forms API (the REST runtime's `google sync`; Apps Script
// too once it reads forms through UrlFetchApp: the same ids and cursor), and which of them a Suivi row's record must
// still keep. Such an id is `<responseId>@<lastSubmittedTime>`: about 99 characters, random, so a row's record cannot
// pack them as it packs Apps Script's `form:<tab>:<row>` runs; kept all, they overflow a cell's 50,000 characters
// after about 60 weeks (docs/limites-cellules.md). Pure: bundled into Apps Script.
//
// Why forgetting is safe: a form's responses are read with `timestamp > since` (src/google-api/forms.ts), where
// `since` is the last lastSubmittedTime read, written in the same write as the responses it covers. Google documents
// `timestamp > N` as « submitted after (but not at) timestamp N » (Forms API « Method: forms.responses.list »,
// filter, https://developers.google.com/workspace/forms/api/reference/rest/v1/forms.responses/list), so an id at or
// before its form's cursor is never listed again. Google does not say which time « submitted » is, nor to what
// precision it compares: a stricter Google may list again a response at the cursor, or in the same second (two
// responses in one microsecond both sit at the cursor). So an id is forgotten only when its time is more than a day
// away from every cursor of the row (every id a form gave is at or before that form's cursor, and ids do not say
// which form gave them) and not after the latest one. An edited response comes back with a new lastSubmittedTime:
// a new id, a new submission, whatever was forgotten. A row with no cursor (an older workbook, or no response read
// yet) keeps every id; a form with no cursor gave none (its cursor is written with the first ids read from it).
/** The submission id of a response read through the Forms API: a response edited later is a new submission. */
export function apiSubmissionId(responseId: string, lastSubmittedTime: string): string {
  return `${responseId}@${lastSubmittedTime}`;
}

/** An RFC 3339 UTC time as Google writes it (0 to 9 fractional digits, as the reference allows), in milliseconds. */
const RFC3339_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z$/;
function millisOf(time: string): number | undefined {
  if (!RFC3339_UTC.test(time)) return undefined;
  const ms = Date.parse(time.replace(/(\.\d{3})\d+Z$/, '$1Z'));
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A Forms API submission id's lastSubmittedTime, in milliseconds; undefined for any other id (Apps Script's
 * `form:…`, an import's `<region>:…`, the local server's `web:…`: none is `<id without colon>@<time>`).
 */
export function apiSubmissionTime(id: string): number | undefined {
  const at = id.indexOf('@');
  if (at <= 0 || /[:\s]/.test(id.slice(0, at))) return undefined;
  return millisOf(id.slice(at + 1));
}

/** How far from every cursor a Forms API id must be to be forgotten: far more than any rounding of the filter. */
export const FORGET_MARGIN_MS = 24 * 3600 * 1000;

/** The read cursors of a row's forms read through the Forms API, in milliseconds (those that have one). */
export function apiCursorsOf(
  forms: Readonly<Record<string, { api?: { since?: string } } | undefined>> | undefined,
): number[] {
  return Object.values(forms ?? {}).flatMap((f) => {
    const since = f?.api?.since;
    const ms = since === undefined ? undefined : millisOf(since);
    return ms === undefined ? [] : [ms];
  });
}

/**
 * The submission ids a row's record keeps (order kept): every id but the Forms API ones no read can list again —
 * more than FORGET_MARGIN_MS from each of the row's cursors and before the latest. `versions` (each week's current
 * version) is kept whole elsewhere, so forgetting here never loses a week's version.
 */
export function keptSubmissions(submissions: readonly string[], cursors: readonly number[]): string[] {
  return submissions.filter((id) => !forgettable(id, cursors));
}

/**
 * Whether a row's record forgets this submission id (keptSubmissions) given the row's cursors: so a reader that
 * checks an Historique version against the record's ids (Apps Script leaves out the rows an interrupted execution
 * appended without recording them) takes a forgotten id for a recorded one — it was recorded before it could be
 * forgotten, since a cursor only moves in the write that records what it covers.
 */
export function forgettable(id: string, cursors: readonly number[]): boolean {
  if (cursors.length === 0) return false;
  const at = apiSubmissionTime(id);
  if (at === undefined || at > Math.max(...cursors)) return false;
  return cursors.every((c) => Math.abs(at - c) > FORGET_MARGIN_MS);
}
