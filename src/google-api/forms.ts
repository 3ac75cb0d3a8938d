// The Forms API adapter: create a form, add its items in one batch, publish it explicitly, list responses since a
// cursor (every page). Replies are checked with zod; the calls go through the retry policy. Decides nothing.
import { forms, type forms_v1 } from '@googleapis/forms';
import * as z from 'zod';
import { clientOptions, type GoogleContext } from './context';
import { GoogleApiError } from './errors';
import { callWithRetry } from './retry';
import { badReply } from './sheets';
import { FormItems, FormResponse, inSubmissionOrder, ResponsePage } from '../google/form-responses';
import { responsesAfter } from '../google/form-http-requests';

export { FormResponse, type FormItems } from '../google/form-responses';

const CreatedForm = z.object({ formId: z.string().min(1), responderUri: z.string().min(1) });

const BatchReply = z.object({
  replies: z
    .array(
      z.object({
        createItem: z
          .object({ itemId: z.string().optional(), questionId: z.array(z.string()).optional() })
          .optional(),
      }),
    )
    .optional(),
});

const PublishReply = z.object({
  publishSettings: z
    .object({
      publishState: z
        .object({ isPublished: z.boolean().optional(), isAcceptingResponses: z.boolean().optional() })
        .optional(),
    })
    .optional(),
});

export class FormsAdapter {
  private readonly api: forms_v1.Forms;
  constructor(private readonly ctx: GoogleContext) {
    this.api = forms({ version: 'v1', ...clientOptions(ctx) });
  }

  private call<T>(what: string, call: () => Promise<T>, write: boolean): Promise<T> {
    return callWithRetry(
      what,
      async () => {
        if (write) await this.ctx.pacers.forms.take();
        return call();
      },
      this.ctx.retry,
      this.ctx.timing,
    );
  }

  /** `forms.create` copies only the title: items and publication follow in their own calls. */
  async create(title: string, documentTitle: string): Promise<{ formId: string; responderUri: string }> {
    const res = await this.call(
      'forms.create',
      () => this.api.forms.create({ requestBody: { info: { title, documentTitle } } }),
      true,
    );
    const parsed = CreatedForm.safeParse(res.data);
    if (!parsed.success) throw badReply('forms.create', parsed.error);
    return parsed.data;
  }

  /** Applies the requests atomically; returns, per request, the item and question ids a createItem made. */
  async batchUpdate(
    formId: string,
    requests: forms_v1.Schema$Request[],
  ): Promise<Array<{ itemId?: string; questionIds: string[] }>> {
    const res = await this.call(
      'forms.batchUpdate',
      () => this.api.forms.batchUpdate({ formId, requestBody: { requests } }),
      true,
    );
    const parsed = BatchReply.safeParse(res.data);
    if (!parsed.success) throw badReply('forms.batchUpdate', parsed.error);
    const replies = parsed.data.replies ?? [];
    return requests.map((_, i) => ({
      itemId: replies[i]?.createItem?.itemId,
      questionIds: replies[i]?.createItem?.questionId ?? [],
    }));
  }

  /** Publishes (or closes) a form explicitly: API-made forms may start unpublished. */
  async setPublished(formId: string, published: boolean, acceptingResponses: boolean): Promise<void> {
    await this.call(
      'forms.setPublishSettings',
      () =>
        this.api.forms.setPublishSettings({
          formId,
          requestBody: {
            publishSettings: {
              publishState: { isPublished: published, isAcceptingResponses: acceptingResponses },
            },
            updateMask: 'publishState',
          },
        }),
      true,
    );
  }

  /**
   * Whether the form is published and accepting responses, read back with forms.get (`publishSettings`); 'missing'
   * when the form no longer exists (deleted by hand). A legacy form has no publishSettings: it is reported as
   * published (it cannot be unpublished through the API).
   */
  async publishState(formId: string): Promise<'open' | 'closed' | 'missing'> {
    try {
      const res = await this.call(
        'forms.get',
        () => this.api.forms.get({ formId, fields: 'publishSettings' }),
        false,
      );
      const parsed = PublishReply.safeParse(res.data);
      if (!parsed.success) throw badReply('forms.get', parsed.error);
      const state = parsed.data.publishSettings?.publishState;
      if (!parsed.data.publishSettings) return 'open';
      return state?.isPublished === true && state.isAcceptingResponses === true ? 'open' : 'closed';
    } catch (e) {
      if (e instanceof GoogleApiError && e.code === 'NOT_FOUND') return 'missing';
      throw e;
    }
  }

  /** The form's items in order (their ids, help texts and question ids). */
  async items(formId: string): Promise<FormItems> {
    const res = await this.call(
      'forms.get',
      () =>
        this.api.forms.get({
          formId,
          fields: 'items(itemId,description,questionItem(question(questionId)))',
        }),
      false,
    );
    const parsed = FormItems.safeParse(res.data);
    if (!parsed.success) throw badReply('forms.get', parsed.error);
    return parsed.data;
  }

  /** Every response submitted strictly after `since` (RFC 3339, UTC), all pages, oldest first. */
  async responsesSince(formId: string, since: string | undefined): Promise<FormResponse[]> {
    const out: FormResponse[] = [];
    let pageToken: string | undefined;
    do {
      const token = pageToken;
      const res = await this.call(
        'forms.responses.list',
        () =>
          this.api.forms.responses.list({
            formId,
            filter: since ? responsesAfter(since) : undefined,
            pageToken: token,
          }),
        false,
      );
      const parsed = ResponsePage.safeParse(res.data);
      if (!parsed.success) throw badReply('forms.responses.list', parsed.error);
      out.push(...(parsed.data.responses ?? []));
      pageToken = parsed.data.nextPageToken;
    } while (pageToken);
    return inSubmissionOrder(out);
  }
}
