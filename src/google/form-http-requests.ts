// Forms API v1 requests as plain HTTP (method, URL, JSON body), for a runtime that has no client library: Apps
// Script sends them with UrlFetchApp.fetchAll, several forms at once, authorised by the script's Drive scope (both
// methods accept https://www.googleapis.com/auth/drive). What the Forms API cannot do — a text validation, a
// response destination, a prefilled link, the confirmation message — stays with FormApp. Pure.
import type { forms_v1 } from '@googleapis/forms';
import type { HttpJsonRequest } from './drive-requests';

const FORMS = 'https://forms.googleapis.com/v1/forms';

/**
 * A form item as a runtime describes it (Apps Script's ItemSpec has this shape; the REST runtime's form-requests.ts
 * draws its plan with it too). `page`: a page break (a new page of the form, with its title).
 */
export interface FormItemDraft {
  kind: 'section' | 'page' | 'text' | 'paragraph' | 'list' | 'checkbox' | 'date';
  title: string;
  help: string;
  required: boolean;
  choices?: readonly string[];
  other?: boolean;
}

/** The requests of forms.batchUpdate this code sends (Forms API « Request »). */
export type FormsBatchRequest =
  | { updateFormInfo: { info: { title?: string; description?: string }; updateMask: string } }
  | { createItem: { item: forms_v1.Schema$Item; location: { index: number } } }
  | {
      updateItem: {
        item: { title?: string; description?: string };
        location: { index: number };
        updateMask: string;
      };
    };

/**
 * One forms.batchUpdate (Forms API « Method: forms.batchUpdate »,
 * https://developers.google.com/workspace/forms/api/reference/rest/v1/forms/batchUpdate): the requests are applied
 * in order, and if one is invalid none is.
 */
export function formsBatchUpdateRequest(
  formId: string,
  requests: readonly forms_v1.Schema$Request[],
): HttpJsonRequest {
  return {
    method: 'post',
    url: `${FORMS}/${encodeURIComponent(formId)}:batchUpdate`,
    body: { requests: [...requests] },
  };
}

/**
 * One page of a form's responses submitted after `since` (Forms API « Method: forms.responses.list »,
 * https://developers.google.com/workspace/forms/api/reference/rest/v1/forms.responses/list: « timestamp > N »
 * gets the responses submitted after, but not at, N, an RFC 3339 time). The CLI sends the same filter through its
 * client library (src/google-api/forms.ts).
 */
export function responsesListRequest(formId: string, since?: string, pageToken?: string): HttpJsonRequest {
  const query = [
    ...(since ? [`filter=${encodeURIComponent(responsesAfter(since))}`] : []),
    ...(pageToken ? [`pageToken=${encodeURIComponent(pageToken)}`] : []),
  ];
  return {
    method: 'get',
    url: `${FORMS}/${encodeURIComponent(formId)}/responses${query.length > 0 ? `?${query.join('&')}` : ''}`,
  };
}

/** Filter of forms.responses.list: the responses submitted after, not at, `since` (see responsesListRequest). */
export const responsesAfter = (since: string): string => `timestamp > ${since}`;

/**
 * Publishes a form and opens it to responses (Forms API « Method: forms.setPublishSettings »,
 * https://developers.google.com/workspace/forms/api/reference/rest/v1/forms/setPublishSettings); the answer carries
 * the publish state Google kept.
 */
export function publishFormRequest(formId: string): HttpJsonRequest {
  return {
    method: 'post',
    url: `${FORMS}/${encodeURIComponent(formId)}:setPublishSettings`,
    body: {
      publishSettings: { publishState: { isPublished: true, isAcceptingResponses: true } },
      updateMask: 'publishState',
    },
  };
}

/** A form's title, and its description when given. */
export function formInfoRequest(title: string, description?: string): FormsBatchRequest {
  return description === undefined
    ? { updateFormInfo: { info: { title }, updateMask: 'title' } }
    : { updateFormInfo: { info: { title, description }, updateMask: 'title,description' } };
}

/**
 * An item created at `index`. A section header is a text item (FormApp's SECTION_HEADER); a list is a dropdown;
 * checkboxes may offer « Autre ». No validation: the Forms API has none to set.
 */
export function createItemRequest(draft: FormItemDraft, index: number): FormsBatchRequest {
  const head = { title: draft.title, ...(draft.help === '' ? {} : { description: draft.help }) };
  const question = (body: forms_v1.Schema$Question): forms_v1.Schema$Item => ({
    ...head,
    questionItem: { question: { required: draft.required, ...body } },
  });
  const item: forms_v1.Schema$Item = (() => {
    switch (draft.kind) {
      case 'section':
        return { ...head, textItem: {} };
      case 'page':
        return { ...head, pageBreakItem: {} };
      case 'text':
        return question({ textQuestion: { paragraph: false } });
      case 'paragraph':
        return question({ textQuestion: { paragraph: true } });
      case 'date':
        return question({ dateQuestion: { includeYear: true, includeTime: false } });
      case 'list':
        return question({
          choiceQuestion: { type: 'DROP_DOWN', options: (draft.choices ?? []).map((value) => ({ value })) },
        });
      case 'checkbox':
        return question({
          choiceQuestion: {
            type: 'CHECKBOX',
            options: [
              ...(draft.choices ?? []).map((value) => ({ value })),
              ...(draft.other ? [{ isOther: true }] : []),
            ],
          },
        });
    }
  })();
  return { createItem: { item, location: { index } } };
}

/** An existing item's title and/or help text changed, at `index` (the other aspects stay FormApp's to change). */
export function updateItemTextRequest(
  draft: Pick<FormItemDraft, 'title' | 'help'>,
  index: number,
  fields: ReadonlyArray<'title' | 'description'>,
): FormsBatchRequest {
  const item: { title?: string; description?: string } = {};
  if (fields.includes('title')) item.title = draft.title;
  if (fields.includes('description')) item.description = draft.help;
  return { updateItem: { item, location: { index }, updateMask: fields.join(',') } };
}
