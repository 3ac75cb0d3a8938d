// A Forms API response and a form's items as Google returns them (« REST Resource: forms.responses »,
// https://developers.google.com/workspace/forms/api/reference/rest/v1/forms.responses; forms.get), checked with zod:
// both Google runtimes read forms made through the Forms API, the CLI with its client library and Apps Script with
// UrlFetchApp, and decode the same JSON the same way. Pure: bundled into Apps Script.
import * as z from 'zod';
import type { FormKind, FormMeta } from './stored-json';

const Answer = z.object({
  questionId: z.string().optional(),
  textAnswers: z
    .object({ answers: z.array(z.object({ value: z.string().optional() })).optional() })
    .optional(),
});

/** A form response as we use it: answers are strings (checkboxes give several). */
export const FormResponse = z.object({
  /**
   * The form the response belongs to. Absent from lists (« Method: forms.responses.list »: « The formId field is
   * not returned in the FormResponse object for list requests »); one that names another form is refused
   * (api-form-ingest.ts), which only a forged reply could carry.
   */
  formId: z.string().optional(),
  responseId: z.string().min(1),
  createTime: z.string().optional(),
  lastSubmittedTime: z.string().min(1),
  respondentEmail: z.string().optional(),
  answers: z.record(z.string(), Answer).optional(),
});
export type FormResponse = z.infer<typeof FormResponse>;

/** The items of a form as forms.get gives them: enough to find each question's item and help text. */
export const FormItems = z.object({
  items: z
    .array(
      z.object({
        itemId: z.string().optional(),
        description: z.string().optional(),
        questionItem: z.object({ question: z.object({ questionId: z.string().optional() }) }).optional(),
      }),
    )
    .optional(),
});
export type FormItems = z.infer<typeof FormItems>;

/**
 * A lastSubmittedTime that compares as text: its fraction padded to 9 digits (the reference allows 0 to 9, and
 * « 08:00:00Z » would sort after « 08:00:00.5Z » as written).
 */
function comparableTime(time: string): string {
  const m = /^(.*?)(?:\.(\d{1,9}))?Z$/.exec(time);
  return m ? `${m[1] ?? ''}.${(m[2] ?? '').padEnd(9, '0')}Z` : time;
}

/**
 * A form's responses, oldest first: Google documents no order for forms.responses.list, and each runtime moves the
 * form's cursor to the last response it ingests.
 */
export function inSubmissionOrder(responses: readonly FormResponse[]): FormResponse[] {
  return responses
    .map((r) => ({ r, key: comparableTime(r.lastSubmittedTime) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ r }) => r);
}

/** One page of forms.responses.list. */
export const ResponsePage = z.object({
  responses: z.array(FormResponse).optional(),
  nextPageToken: z.string().optional(),
});

/** One of an establishment's forms as both runtimes read it from the rows' records. */
export interface ApiForm {
  kind: FormKind;
  establishmentId: string;
  meta: FormMeta;
}
