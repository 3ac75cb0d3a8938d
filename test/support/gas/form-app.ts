// FormApp fake, and the one model of Google Forms behind both test surfaces: forms with text, paragraph, list,
// checkbox, date, section-header and page-break items, text validations (one rule per item, as the Forms UI allows),
// prefilled links, copies through Drive, and a spreadsheet destination that receives one tab per form (« Réponses au
// formulaire N », header row = timestamp + question titles). The Forms API (forms-api.ts) acts on the same FormData,
// for the emulator's UrlFetchApp and the REST fake (../google-api/fake-workspace.ts) alike: a form made by REST
// forms.create is what FormApp.openById opens. Each item keeps both id spaces — FormApp's integer id and the Forms
// API's itemId/questionId, drawn apart (random-looking hex) since Google documents no conversion (F13).
// One list of responses per form: `FormStore.submit` plays a respondent on the form page (required items, choices and
// validation patterns enforced), `submitByQuestionId` a POST by Forms API question ids (the REST fake's respondent,
// checks not played, unknown ids kept as forged); both append the response row to a linked destination and fire its
// onFormSubmit triggers, and forms.responses.list lists both (responseId, times, answers by questionId). Does not
// emulate: navigation between pages, quizzes, grids, file uploads, e-mail collection, response editing. Publishing as
// Google does it since June 30, 2026 (« API changes to Google Forms »,
// https://developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms): a form made by FormApp.create,
// by the Forms API or by a Drive copy starts unpublished (stricter than Google for an API form made before that date);
// setPublished(true) also opens it to responses (the guide's Apps Script sample says so); an unpublished form never
// accepts responses; a respondent's submission to an unpublished or closed form is refused (FormClosedError) before
// anything is written, whichever façade submits.
import type {
  GasCheckboxItem,
  GasDateItem,
  GasForm,
  GasFormApp,
  GasFormResponse,
  GasItem,
  GasItemResponse,
  GasListItem,
  GasParagraphTextItem,
  GasParagraphTextValidation,
  GasParagraphTextValidationBuilder,
  GasSectionHeaderItem,
  GasTextItem,
  GasTextValidation,
  GasTextValidationBuilder,
} from '../../../src/apps-script/gas-api';
import type { forms_v1 } from '@googleapis/forms';
import type { DriveRegistry } from './drive-app';
import { isDate, type GasRuntime } from './runtime';
import { DEFAULT_COLUMNS, DEFAULT_ROWS, type SheetData, type SpreadsheetData } from './sheet-data';
import type { SpreadsheetStore } from './spreadsheet-app';

export type ItemKind =
  'TEXT' | 'PARAGRAPH_TEXT' | 'LIST' | 'CHECKBOX' | 'DATE' | 'SECTION_HEADER' | 'PAGE_BREAK';

export type TextRule =
  { kind: 'pattern'; pattern: string; help: string } | { kind: 'maxLength'; max: number; help: string };

export interface ItemData {
  id: number;
  kind: ItemKind;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
  otherOption: boolean;
  includesYear: boolean;
  validation: TextRule | null;
}

export interface ResponseData {
  /** The Forms API's responseId (short here; Google's length is undocumented: F14). */
  id: string;
  at: Date;
  /** The submission time as the Forms API gives it (createTime, lastSubmittedTime): RFC 3339 UTC. */
  time: string;
  /** Answers by item id: text, chosen values, or a date. */
  answers: Map<number, string | readonly string[] | Date>;
  /** Answers under Forms API question ids the form does not have (only a forged reply carries them). */
  forged: Record<string, readonly string[]>;
  /** A formId other than the form's, as only a forged reply could carry (listed then, as Google lists none). */
  forgedFormId?: string;
}

/** An item's ids in the Forms API (text): drawn apart from FormApp's integer id, no conversion between them (F13). */
export interface ApiItemIds {
  itemId: string;
  /** A question's id; null for a section header or a page break. */
  questionId: string | null;
}

export class FormData {
  title: string;
  description = '';
  confirmation = '';
  items: ItemData[] = [];
  destinationId: string | null = null;
  destinationSheetId: number | null = null;
  responses: ResponseData[] = [];
  allowResponseEdits = false;
  collectEmail = false;
  published = false;
  /** The owner's « accepting responses » switch; a form accepts responses only when published as well. */
  accepting = false;
  /** Each item's Forms API ids, by FormApp id (a Map: a refused batch's unused ids leave the form's JSON unchanged). */
  readonly apiIds = new Map<number, ApiItemIds>();
  constructor(
    readonly id: string,
    readonly publishedId: string,
    title: string,
  ) {
    this.title = title;
  }
  get editUrl(): string {
    return `https://docs.google.com/forms/d/${this.id}/edit`;
  }
  get publishedUrl(): string {
    return `https://docs.google.com/forms/d/e/${this.publishedId}/viewform`;
  }
  questions(): ItemData[] {
    return this.items.filter((i) => i.kind !== 'SECTION_HEADER' && i.kind !== 'PAGE_BREAK');
  }
  /** The item's Forms API ids, drawn when first needed and then kept (Google draws them at creation: same ids seen). */
  apiIdsOf(item: ItemData, store: FormStore): ApiItemIds {
    let ids = this.apiIds.get(item.id);
    if (!ids) {
      const taken = new Set([...this.apiIds.values()].flatMap((i) => [i.itemId, i.questionId ?? '']));
      const draw = () => {
        let id = store.randomHex();
        while (taken.has(id)) id = store.randomHex();
        taken.add(id);
        return id;
      };
      const itemId = draw();
      ids = {
        itemId,
        questionId: item.kind === 'SECTION_HEADER' || item.kind === 'PAGE_BREAK' ? null : draw(),
      };
      this.apiIds.set(item.id, ids);
    }
    return ids;
  }
}

/** A respondent opened a form that is not published or no longer accepts responses: nothing is recorded. */
export class FormClosedError extends Error {
  constructor(readonly formTitle: string) {
    super(`Le formulaire « ${formTitle} » n'accepte pas de réponses (non publié ou fermé).`);
  }
}

/** Why a respondent's answers were refused by the form page itself (before any script sees them). */
export class FormValidationError extends Error {
  constructor(
    readonly itemTitle: string,
    message: string,
  ) {
    super(`« ${itemTitle} » : ${message}`);
  }
}

export interface FormSubmitEvent {
  spreadsheetId: string;
  sheet: SheetData;
  row: number;
}

export class FormStore {
  readonly byId = new Map<string, FormData>();
  private nextItemId = 1000;
  private nextResponse = 0;
  /** xorshift32 state for the Forms API's ids: random-looking, yet the same run after run. */
  private seed = 0x2f6b_91c3;
  /** Called after a response row is written to a destination (the environment fires the triggers). */
  onResponseWritten: (event: FormSubmitEvent) => void = () => undefined;
  /**
   * Responses the form kept but could not write to its full destination (no row, no trigger). Google's docs are
   * silent on this case; the emulator assumes the stricter outcome (docs/google-assumptions.md).
   */
  readonly unwritten: Array<{ formId: string; error: string }> = [];

  constructor(
    private readonly rt: GasRuntime,
    private readonly drive: DriveRegistry,
    private readonly sheets: SpreadsheetStore,
  ) {
    drive.copiers.set('form', (sourceId, copyId) => {
      const source = this.get(sourceId);
      const copy = new FormData(copyId, `pub-${copyId}`, source.title);
      copy.description = source.description;
      copy.confirmation = source.confirmation;
      copy.items = source.items.map((i) => ({
        ...i,
        id: this.itemId(),
        choices: [...i.choices],
        validation: i.validation ? { ...i.validation } : null,
      }));
      this.byId.set(copyId, copy);
    });
  }

  itemId(): number {
    this.nextItemId += 1;
    return this.nextItemId;
  }

  /** Eight hex digits, as Google's item and question ids look, unrelated to any FormApp id. */
  randomHex(): string {
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed.toString(16).padStart(8, '0');
  }

  /** A new form, unpublished; `documentTitle` is its Drive file's name (FormApp.create gives the title to both). */
  create(title: string, documentTitle: string = title): FormData {
    const entry = this.drive.create('form', documentTitle);
    const form = new FormData(entry.id, `pub-${entry.id}`, title);
    this.byId.set(entry.id, form);
    return form;
  }

  /** The form's Drive file name (the Forms API's info.documentTitle). */
  documentTitle(form: FormData): string {
    return this.drive.get(form.id).name;
  }

  get(id: string): FormData {
    const form = this.byId.get(id);
    const entry = this.drive.entries.get(id);
    if (!form || !entry || entry.trashed)
      throw new Error(`No item with the given ID could be found (form ${id}).`);
    return form;
  }

  /** The form a published or edit URL designates. */
  byUrl(url: string): FormData {
    const found = [...this.byId.values()].find(
      (f) => url.startsWith(f.publishedUrl) || url.startsWith(f.editUrl),
    );
    if (!found) throw new Error(`No form at ${url}`);
    return found;
  }

  /**
   * Links a form to a spreadsheet: a new response tab, first in the tab order, named as Google names it, of a new
   * tab's default size (1000 × 26, wider if the form has more questions: an assumption, measured by
   * `smoke:google`), refused past the spreadsheet's 10-million-cell limit; scripts see it only after a flush.
   */
  link(form: FormData, ss: SpreadsheetData): void {
    const n = ss.sheets.filter((s) => s.formUrl !== null).length + 1;
    const french = ss.locale.startsWith('fr');
    const header = [french ? 'Horodateur' : 'Timestamp', ...form.questions().map((q) => q.title)];
    const sheet = ss.addSheet(
      french ? `Réponses au formulaire ${n}` : `Form Responses ${n}`,
      0,
      DEFAULT_ROWS,
      Math.max(DEFAULT_COLUMNS, header.length),
    );
    sheet.formUrl = form.publishedUrl;
    sheet.flushesUntilVisible = this.sheets.linkedTabFlushes;
    header.forEach((title, j) => sheet.setCell(1, j + 1, { value: title }));
    form.destinationId = ss.id;
    form.destinationSheetId = sheet.id;
  }

  /**
   * A respondent submits: answers by item title (a list of values for checkboxes, `YYYY-MM-DD` or a Date for dates).
   * The form page checks required items, choices and validations first; `enforce: false` skips that, as a stale
   * page or a direct POST would.
   */
  submit(
    formId: string,
    answersByTitle: Readonly<Record<string, string | string[] | Date>>,
    options: { enforce?: boolean } = {},
  ): ResponseData {
    const form = this.get(formId);
    if (!form.published || !form.accepting) throw new FormClosedError(form.title);
    const answers = new Map<number, string | string[] | Date>();
    for (const [title, value] of Object.entries(answersByTitle)) {
      const item = form.questions().find((q) => q.title === title);
      if (!item) throw new Error(`No question titled « ${title} » in form ${form.title}`);
      answers.set(item.id, value);
    }
    if (options.enforce !== false)
      for (const item of form.questions()) checkAnswer(item, answers.get(item.id));
    const at = new Date(this.rt.now());
    return this.record(form, answers, {}, at, at.toISOString());
  }

  /**
   * A response posted with answers by Forms API question id (strings; several for checkboxes), at an RFC 3339 UTC
   * time, as a direct POST would: the page's checks are not played (the REST fake never played them); an unknown
   * question id is kept as forged. The caller checks the form is open.
   */
  submitByQuestionId(
    form: FormData,
    answersByQuestionId: Readonly<Record<string, string | readonly string[]>>,
    at: string,
  ): ResponseData {
    const when = Date.parse(at);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(at) || Number.isNaN(when))
      throw new Error(`A submission time must be RFC 3339 UTC (Zulu): ${at}`);
    const byQuestion = new Map(
      form.questions().flatMap((q) => {
        const id = form.apiIdsOf(q, this).questionId;
        return id ? [[id, q] as const] : [];
      }),
    );
    const answers = new Map<number, string | readonly string[]>();
    const forged: Record<string, readonly string[]> = {};
    for (const [questionId, value] of Object.entries(answersByQuestionId)) {
      const item = byQuestion.get(questionId);
      if (item) answers.set(item.id, item.kind === 'CHECKBOX' && typeof value === 'string' ? [value] : value);
      else forged[questionId] = typeof value === 'string' ? [value] : value;
    }
    return this.record(form, answers, forged, new Date(when), at);
  }

  private record(
    form: FormData,
    answers: Map<number, string | readonly string[] | Date>,
    forged: Record<string, readonly string[]>,
    at: Date,
    time: string,
  ): ResponseData {
    this.nextResponse += 1;
    const response: ResponseData = { id: `resp-${this.nextResponse}`, at, time, answers, forged };
    form.responses.push(response);
    this.writeResponse(form, response);
    return response;
  }

  /**
   * A response as forms.responses.list gives it: answers by question id as text (a date as YYYY-MM-DD, checkboxes
   * as several answers), an unanswered question left out, no formId (the list leaves it out).
   */
  responseJson(form: FormData, response: ResponseData): forms_v1.Schema$FormResponse {
    const answers: Record<string, forms_v1.Schema$Answer> = {};
    const put = (questionId: string, values: readonly string[]) => {
      if (values.length === 0 || (values.length === 1 && values[0] === '')) return;
      answers[questionId] = { questionId, textAnswers: { answers: values.map((value) => ({ value })) } };
    };
    for (const item of form.questions()) {
      const answer = response.answers.get(item.id);
      const questionId = form.apiIdsOf(item, this).questionId;
      if (answer === undefined || !questionId) continue;
      put(
        questionId,
        isDate(answer) ? [PARIS_DAY.format(answer)] : typeof answer === 'string' ? [answer] : answer,
      );
    }
    for (const [questionId, values] of Object.entries(response.forged)) put(questionId, values);
    return {
      ...(response.forgedFormId ? { formId: response.forgedFormId } : {}),
      responseId: response.id,
      createTime: response.time,
      lastSubmittedTime: response.time,
      ...(Object.keys(answers).length > 0 ? { answers } : {}),
    };
  }

  private writeResponse(form: FormData, response: ResponseData): void {
    if (!form.destinationId) return;
    const ss = this.sheets.byId.get(form.destinationId);
    const sheet = ss?.sheets.find((s) => s.id === form.destinationSheetId);
    if (!ss || !sheet) return;
    const header = (sheet.cells[0] ?? []).map((c) => String(c?.value ?? ''));
    const row = sheet.lastRow() + 1;
    const missing = form.questions().filter((q) => !header.includes(q.title)).length;
    try {
      sheet.growTo(row, header.length + missing);
    } catch (error) {
      this.unwritten.push({ formId: form.id, error: String(error) });
      return;
    }
    sheet.setCell(row, 1, { value: response.at });
    for (const item of form.questions()) {
      let col = header.indexOf(item.title) + 1;
      if (col === 0) {
        header.push(item.title);
        col = header.length;
        sheet.setCell(1, col, { value: item.title });
      }
      const answer = response.answers.get(item.id);
      sheet.setCell(row, col, { value: responseCellValue(answer, this.sheets.parisMidnight) });
    }
    this.onResponseWritten({ spreadsheetId: ss.id, sheet, row });
  }

  /** Answers a prefilled link carries, by item title (what the respondent sees already filled in). */
  prefilledAnswers(url: string): Record<string, string | string[]> {
    const form = this.byUrl(url);
    const query = url.split('?')[1] ?? '';
    const out: Record<string, string | string[]> = {};
    for (const pair of query.split('&')) {
      const m = /^entry\.(\d+)=(.*)$/.exec(pair);
      if (!m) continue;
      const item = form.items.find((i) => i.id === Number(m[1]));
      if (!item) throw new Error(`Prefilled link names unknown item ${m[1]}`);
      const value = decodeURIComponent((m[2] ?? '').replace(/\+/g, ' '));
      if (item.kind === 'CHECKBOX')
        out[item.title] = [...((out[item.title] as string[] | undefined) ?? []), value];
      else out[item.title] = value;
    }
    return out;
  }
}

/** A date answer's day as a respondent in France picked it. */
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

function checkAnswer(item: ItemData, answer: string | readonly string[] | Date | undefined): void {
  const empty =
    answer === undefined ||
    (typeof answer === 'string' && answer.trim() === '') ||
    (Array.isArray(answer) && answer.length === 0);
  if (empty) {
    if (item.required) throw new FormValidationError(item.title, 'Cette question est obligatoire.');
    return;
  }
  if (item.kind === 'LIST' && (typeof answer !== 'string' || !item.choices.includes(answer)))
    throw new FormValidationError(item.title, 'Choix invalide.');
  if (item.kind === 'CHECKBOX') {
    const values = Array.isArray(answer) ? answer : [String(answer)];
    if (!item.otherOption && values.some((v) => !item.choices.includes(v)))
      throw new FormValidationError(item.title, 'Choix invalide.');
  }
  if (
    item.kind === 'DATE' &&
    !(isDate(answer) || (typeof answer === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(answer)))
  )
    throw new FormValidationError(item.title, 'Date invalide.');
  if (
    (item.kind === 'TEXT' || item.kind === 'PARAGRAPH_TEXT') &&
    item.validation &&
    typeof answer === 'string'
  ) {
    const rule = item.validation;
    const ok = rule.kind === 'pattern' ? new RegExp(rule.pattern).test(answer) : answer.length <= rule.max;
    if (!ok) throw new FormValidationError(item.title, rule.help || 'Réponse invalide.');
  }
}

function responseCellValue(
  answer: string | readonly string[] | Date | undefined,
  parisMidnight: (y: number, m: number, d: number) => Date,
): string | number | Date {
  if (answer === undefined) return '';
  if (isDate(answer)) return answer;
  if (typeof answer !== 'string') return answer.join(', ');
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(answer);
  if (date) return parisMidnight(Number(date[1]), Number(date[2]), Number(date[3]));
  // Numbers typed in a text item land as numbers in the response sheet; other text stays text.
  if (/^\s*\d+\s*$/.test(answer)) return Number(answer);
  return answer;
}

// ---------------------------------------------------------------------------------------------------------------

class FakeTextValidationBuilder implements GasTextValidationBuilder, GasParagraphTextValidationBuilder {
  private rule: TextRule | null = null;
  private help = '';
  constructor(private readonly rt: GasRuntime) {}
  requireTextMatchesPattern(pattern: string): FakeTextValidationBuilder {
    this.rt.call('TextValidationBuilder.requireTextMatchesPattern', 'nav');
    new RegExp(pattern); // an invalid pattern is refused when the validation is built
    this.rule = { kind: 'pattern', pattern, help: '' };
    return this;
  }
  requireTextLengthLessThanOrEqualTo(number: number): FakeTextValidationBuilder {
    this.rt.call('TextValidationBuilder.requireTextLengthLessThanOrEqualTo', 'nav');
    this.rule = { kind: 'maxLength', max: number, help: '' };
    return this;
  }
  setHelpText(text: string): FakeTextValidationBuilder {
    this.rt.call('TextValidationBuilder.setHelpText', 'nav');
    this.help = text;
    return this;
  }
  build(): GasTextValidation & GasParagraphTextValidation {
    this.rt.call('TextValidationBuilder.build', 'nav');
    if (!this.rule) throw new Error('A text validation needs a requirement.');
    return { rule: { ...this.rule, help: this.help } };
  }
}

type AnyItem = GasTextItem &
  GasParagraphTextItem &
  GasListItem &
  GasCheckboxItem &
  GasDateItem &
  GasSectionHeaderItem &
  GasItem;

class FakeItem
  implements
    GasItem,
    GasTextItem,
    GasParagraphTextItem,
    GasListItem,
    GasCheckboxItem,
    GasDateItem,
    GasSectionHeaderItem
{
  constructor(
    private readonly rt: GasRuntime,
    readonly data: ItemData,
  ) {}
  private edit(name: string): void {
    this.rt.call(`Item.${name}`, 'form-edit');
  }
  private as(kind: ItemKind): AnyItem {
    this.rt.call(`Item.as${kind}`, 'nav');
    if (this.data.kind !== kind)
      throw new Error(`Item ${this.data.id} is a ${this.data.kind}, not a ${kind}.`);
    return this as unknown as AnyItem;
  }
  getId(): number {
    this.rt.call('Item.getId', 'nav');
    return this.data.id;
  }
  getTitle(): string {
    this.rt.call('Item.getTitle', 'nav');
    return this.data.title;
  }
  getHelpText(): string {
    this.rt.call('Item.getHelpText', 'nav');
    return this.data.helpText;
  }
  getType(): GoogleAppsScript.Forms.ItemType {
    this.rt.call('Item.getType', 'nav');
    return this.data.kind as unknown as GoogleAppsScript.Forms.ItemType;
  }
  asTextItem(): GasTextItem {
    return this.as('TEXT');
  }
  asParagraphTextItem(): GasParagraphTextItem {
    return this.as('PARAGRAPH_TEXT');
  }
  asListItem(): GasListItem {
    return this.as('LIST');
  }
  asCheckboxItem(): GasCheckboxItem {
    return this.as('CHECKBOX');
  }
  asDateItem(): GasDateItem {
    return this.as('DATE');
  }
  asSectionHeaderItem(): GasSectionHeaderItem {
    return this.as('SECTION_HEADER');
  }
  setTitle(title: string): AnyItem {
    this.edit('setTitle');
    this.data.title = title;
    return this as unknown as AnyItem;
  }
  setHelpText(text: string): AnyItem {
    this.edit('setHelpText');
    this.data.helpText = text;
    return this as unknown as AnyItem;
  }
  setRequired(enabled: boolean): AnyItem {
    this.edit('setRequired');
    this.data.required = enabled;
    return this as unknown as AnyItem;
  }
  setValidation(validation: GasTextValidation | GasParagraphTextValidation): AnyItem {
    this.edit('setValidation');
    if (this.data.kind !== 'TEXT' && this.data.kind !== 'PARAGRAPH_TEXT')
      throw new Error('Only text items take a text validation.');
    const rule = (validation as { rule: TextRule }).rule;
    if (this.data.kind === 'PARAGRAPH_TEXT' && rule.kind === 'pattern')
      throw new Error('A paragraph validation cannot require a pattern (emulated as refused).');
    this.data.validation = rule;
    return this as unknown as AnyItem;
  }
  setChoiceValues(values: string[]): AnyItem {
    this.edit('setChoiceValues');
    if (new Set(values).size !== values.length) throw new Error('Choices must be unique.');
    this.data.choices = [...values];
    return this as unknown as AnyItem;
  }
  showOtherOption(enabled: boolean): AnyItem {
    this.edit('showOtherOption');
    this.data.otherOption = enabled;
    return this as unknown as AnyItem;
  }
  setIncludesYear(enableYear: boolean): AnyItem {
    this.edit('setIncludesYear');
    this.data.includesYear = enableYear;
    return this as unknown as AnyItem;
  }
  createResponse(response: string | string[] | Date): GasItemResponse {
    this.rt.call('Item.createResponse', 'nav');
    if (this.data.kind === 'LIST' && !this.data.choices.includes(String(response)))
      throw new Error(`Invalid response « ${String(response)} » for « ${this.data.title} ».`);
    return { itemId: this.data.id, response };
  }
}

class FakeFormResponse implements GasFormResponse {
  private readonly answers: Array<{ itemId: number; response: string | string[] | Date }> = [];
  constructor(
    private readonly rt: GasRuntime,
    private readonly store: FormStore,
    private readonly form: FormData,
  ) {}
  withItemResponse(response: GasItemResponse): GasFormResponse {
    this.rt.call('FormResponse.withItemResponse', 'nav');
    this.answers.push(response as { itemId: number; response: string | string[] | Date });
    return this;
  }
  toPrefilledUrl(): string {
    this.rt.call('FormResponse.toPrefilledUrl', 'form-edit');
    const parts = this.answers.flatMap(({ itemId, response }) => {
      const values = Array.isArray(response)
        ? response
        : [isDate(response) ? response.toISOString().slice(0, 10) : response];
      return values.map((v) => `entry.${itemId}=${encodeURIComponent(v)}`);
    });
    return `${this.form.publishedUrl}?usp=pp_url${parts.length > 0 ? `&${parts.join('&')}` : ''}`;
  }
  submit(): GasFormResponse {
    this.rt.call('FormResponse.submit', 'form-edit');
    const byTitle: Record<string, string | string[] | Date> = {};
    for (const a of this.answers) {
      const item = this.form.items.find((i) => i.id === a.itemId);
      if (item) byTitle[item.title] = a.response;
    }
    this.store.submit(this.form.id, byTitle);
    return this;
  }
}

class FakeForm implements GasForm {
  constructor(
    private readonly rt: GasRuntime,
    private readonly store: FormStore,
    private readonly sheets: SpreadsheetStore,
    readonly data: FormData,
  ) {}
  private add(kind: ItemKind): AnyItem {
    this.rt.call(`Form.add${kind}Item`, 'form-edit');
    const item: ItemData = {
      id: this.store.itemId(),
      kind,
      title: '',
      helpText: '',
      required: false,
      choices: [],
      otherOption: false,
      includesYear: true,
      validation: null,
    };
    this.data.items.push(item);
    return new FakeItem(this.rt, item) as unknown as AnyItem;
  }
  getId(): string {
    this.rt.call('Form.getId', 'nav');
    return this.data.id;
  }
  getTitle(): string {
    this.rt.call('Form.getTitle', 'nav');
    return this.data.title;
  }
  getEditUrl(): string {
    this.rt.call('Form.getEditUrl', 'nav');
    return this.data.editUrl;
  }
  getPublishedUrl(): string {
    this.rt.call('Form.getPublishedUrl', 'nav');
    return this.data.publishedUrl;
  }
  getDestinationId(): string {
    this.rt.call('Form.getDestinationId', 'form-edit');
    if (!this.data.destinationId)
      throw new Error('This form does not currently have a response destination.');
    return this.data.destinationId;
  }
  setTitle(title: string): GasForm {
    this.rt.call('Form.setTitle', 'form-edit');
    this.data.title = title;
    return this;
  }
  setDescription(description: string): GasForm {
    this.rt.call('Form.setDescription', 'form-edit');
    this.data.description = description;
    return this;
  }
  setConfirmationMessage(message: string): GasForm {
    this.rt.call('Form.setConfirmationMessage', 'form-edit');
    this.data.confirmation = message;
    return this;
  }
  setAllowResponseEdits(enabled: boolean): GasForm {
    this.rt.call('Form.setAllowResponseEdits', 'form-edit');
    this.data.allowResponseEdits = enabled;
    return this;
  }
  setCollectEmail(collect: boolean): GasForm {
    this.rt.call('Form.setCollectEmail', 'form-edit');
    this.data.collectEmail = collect;
    return this;
  }
  setPublished(published: boolean): GasForm {
    this.rt.call('Form.setPublished', 'form-edit');
    this.data.published = published;
    // « Publish the form. This also enables accepting responses. » (the guide's Apps Script sample)
    this.data.accepting = published;
    return this;
  }
  // Read like getTitle: a property of the form already opened (an assumption; no published timing).
  isPublished(): boolean {
    this.rt.call('Form.isPublished', 'nav');
    return this.data.published;
  }
  setAcceptingResponses(enabled: boolean): GasForm {
    this.rt.call('Form.setAcceptingResponses', 'form-edit');
    this.data.accepting = enabled;
    return this;
  }
  isAcceptingResponses(): boolean {
    this.rt.call('Form.isAcceptingResponses', 'nav');
    return this.data.published && this.data.accepting;
  }
  addTextItem(): GasTextItem {
    return this.add('TEXT');
  }
  addParagraphTextItem(): GasParagraphTextItem {
    return this.add('PARAGRAPH_TEXT');
  }
  addListItem(): GasListItem {
    return this.add('LIST');
  }
  addCheckboxItem(): GasCheckboxItem {
    return this.add('CHECKBOX');
  }
  addDateItem(): GasDateItem {
    return this.add('DATE');
  }
  addSectionHeaderItem(): GasSectionHeaderItem {
    return this.add('SECTION_HEADER');
  }
  getItems(): GasItem[] {
    this.rt.call('Form.getItems', 'form-edit');
    return this.data.items.map((i) => new FakeItem(this.rt, i));
  }
  getItemById(id: number): GasItem | null {
    this.rt.call('Form.getItemById', 'form-edit');
    const item = this.data.items.find((i) => i.id === id);
    return item ? new FakeItem(this.rt, item) : null;
  }
  /**
   * Form « deleteItem(item) »: « Throws an exception if the item has already been deleted from the form »
   * (https://developers.google.com/apps-script/reference/forms/form#deleteItem(Item)). The linked responses tab
   * keeps the item's column, as Google does (its past answers stay).
   */
  deleteItem(item: GasItem): void {
    this.rt.call('Form.deleteItem', 'form-edit');
    const index = this.data.items.findIndex((i) => i.id === item.getId());
    if (index < 0) throw new Error('Invalid data updating form: the item was already deleted.');
    this.data.items.splice(index, 1);
  }
  setDestination(_type: GoogleAppsScript.Forms.DestinationType, id: string): GasForm {
    this.rt.call('Form.setDestination', 'form-edit');
    this.store.link(this.data, this.sheets.get(id));
    return this;
  }
  createResponse(): GasFormResponse {
    this.rt.call('Form.createResponse', 'nav');
    return new FakeFormResponse(this.rt, this.store, this.data);
  }
}

const ITEM_TYPE = {
  TEXT: 'TEXT',
  PARAGRAPH_TEXT: 'PARAGRAPH_TEXT',
  LIST: 'LIST',
  CHECKBOX: 'CHECKBOX',
  DATE: 'DATE',
  SECTION_HEADER: 'SECTION_HEADER',
  PAGE_BREAK: 'PAGE_BREAK',
} as unknown as GasFormApp['ItemType'];

export class FakeFormApp implements GasFormApp {
  readonly DestinationType = { SPREADSHEET: 'SPREADSHEET' } as unknown as GasFormApp['DestinationType'];
  readonly ItemType = ITEM_TYPE;
  constructor(
    private readonly rt: GasRuntime,
    readonly store: FormStore,
    private readonly sheets: SpreadsheetStore,
  ) {}
  create(title: string): GasForm {
    this.rt.call('FormApp.create', 'form-create');
    return new FakeForm(this.rt, this.store, this.sheets, this.store.create(title));
  }
  openById(id: string): GasForm {
    this.rt.call('FormApp.openById', 'open');
    return new FakeForm(this.rt, this.store, this.sheets, this.store.get(id));
  }
  createTextValidation(): GasTextValidationBuilder {
    this.rt.call('FormApp.createTextValidation', 'nav');
    return new FakeTextValidationBuilder(this.rt);
  }
  createParagraphTextValidation(): GasParagraphTextValidationBuilder {
    this.rt.call('FormApp.createParagraphTextValidation', 'nav');
    return new FakeTextValidationBuilder(this.rt);
  }
}
