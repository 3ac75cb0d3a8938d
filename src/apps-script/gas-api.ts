// The part of the Apps Script services this runtime uses, as narrow interfaces. The adapters in src/apps-script
// are written against them and the offline emulator (test/support/gas) implements them. Leaf methods are picked
// from @types/google-apps-script; methods returning another service object are re-declared with the narrow type,
// and the `Assert…` lines at the end check that each real type is assignable to its narrow one, so a renamed or
// re-typed Google method fails to compile here, in the adapters and in the emulator alike. Types only.
/// <reference types="google-apps-script" />
import type { SheetsRequest } from '../google/workbook-requests';
import type { docs_v1 } from '@googleapis/docs';

/** A Docs API request, as the REST runtime types it (the same JSON goes through the advanced service). */
type DocsRequest = docs_v1.Schema$Request;

// ---------------------------------------------------------------------------------------------------------------
// SpreadsheetApp

export type GasUser = Pick<GoogleAppsScript.Base.User, 'getEmail'>;

export interface GasTextFinder {
  matchEntireCell(matchEntireCell: boolean): GasTextFinder;
  findNext(): GasRange | null;
  findAll(): GasRange[];
}

/** An opaque value built by one service call and handed to another. */
export type GasDataValidation = object;

export interface GasDataValidationBuilder {
  requireValueInList(values: string[], showDropdown: boolean): GasDataValidationBuilder;
  requireNumberBetween(start: number, end: number): GasDataValidationBuilder;
  requireDate(): GasDataValidationBuilder;
  setAllowInvalid(allowInvalidData: boolean): GasDataValidationBuilder;
  setHelpText(helpText: string): GasDataValidationBuilder;
  build(): GasDataValidation;
}

/** An opaque value built by one service call and handed to another. */
export type GasConditionalFormatRule = object;

export interface GasConditionalFormatRuleBuilder {
  whenTextEqualTo(text: string): GasConditionalFormatRuleBuilder;
  setBackground(color: string | null): GasConditionalFormatRuleBuilder;
  setRanges(ranges: GasRange[]): GasConditionalFormatRuleBuilder;
  build(): GasConditionalFormatRule;
}

export interface GasProtection extends Pick<
  GoogleAppsScript.Spreadsheet.Protection,
  'getDescription' | 'canDomainEdit' | 'remove' | 'isWarningOnly'
> {
  setDescription(description: string): GasProtection;
  addEditor(emailAddress: string): GasProtection;
  addEditors(emailAddresses: string[]): GasProtection;
  removeEditors(emailAddresses: string[]): GasProtection;
  getEditors(): GasUser[];
  setDomainEdit(editable: boolean): GasProtection;
  getRange(): GasRange;
}

export interface GasEmbeddedChart {
  getRanges(): GasRange[];
}

export interface GasEmbeddedChartBuilder {
  asLineChart(): GasEmbeddedLineChartBuilder;
  addRange(range: GasRange): GasEmbeddedChartBuilder;
  setNumHeaders(headers: number): GasEmbeddedChartBuilder;
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): GasEmbeddedChartBuilder;
  setOption(option: string, value: unknown): GasEmbeddedChartBuilder;
  build(): GasEmbeddedChart;
}

export interface GasEmbeddedLineChartBuilder {
  setTitle(chartTitle: string): GasEmbeddedLineChartBuilder;
  addRange(range: GasRange): GasEmbeddedChartBuilder;
}

export type HAlign = 'left' | 'center' | 'right' | null;
export type VAlign = 'top' | 'middle' | 'bottom' | null;

export interface GasRange extends Pick<
  GoogleAppsScript.Spreadsheet.Range,
  | 'getRow'
  | 'getColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getA1Notation'
  | 'getValues'
  | 'getDisplayValues'
  | 'getValue'
> {
  getSheet(): GasSheet;
  setValues(values: unknown[][]): GasRange;
  setValue(value: unknown): GasRange;
  clearContent(): GasRange;
  setBackgrounds(color: Array<Array<string | null>>): GasRange;
  setFontWeights(fontWeights: Array<Array<'bold' | 'normal' | null>>): GasRange;
  setFontStyles(fontStyles: Array<Array<'italic' | 'normal' | null>>): GasRange;
  setFontColors(colors: Array<Array<string | null>>): GasRange;
  setFontSizes(sizes: number[][]): GasRange;
  setWraps(isWrapEnabled: boolean[][]): GasRange;
  setHorizontalAlignments(alignments: HAlign[][]): GasRange;
  setVerticalAlignments(alignments: VAlign[][]): GasRange;
  setNumberFormat(numberFormat: string): GasRange;
  merge(): GasRange;
  setDataValidation(rule: GasDataValidation | null): GasRange;
  protect(): GasProtection;
  createTextFinder(findText: string): GasTextFinder;
}

export interface GasSheet extends Pick<
  GoogleAppsScript.Spreadsheet.Sheet,
  | 'getName'
  | 'getSheetId'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'setFrozenRows'
  | 'setFrozenColumns'
  | 'getFormUrl'
  | 'isSheetHidden'
  | 'deleteRows'
  | 'deleteColumns'
> {
  getParent(): GasSpreadsheet;
  setName(name: string): GasSheet;
  getRange(row: number, column: number, numRows: number, numColumns: number): GasRange;
  getRange(a1Notation: string): GasRange;
  getDataRange(): GasRange;
  appendRow(rowContents: unknown[]): GasSheet;
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet;
  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet;
  setColumnWidth(columnPosition: number, width: number): GasSheet;
  hideColumns(columnIndex: number, numColumns: number): void;
  hideSheet(): GasSheet;
  clear(): GasSheet;
  protect(): GasProtection;
  newChart(): GasEmbeddedChartBuilder;
  insertChart(chart: GasEmbeddedChart): void;
  getCharts(): GasEmbeddedChart[];
  removeChart(chart: GasEmbeddedChart): void;
  setConditionalFormatRules(rules: GasConditionalFormatRule[]): void;
  createTextFinder(findText: string): GasTextFinder;
}

export interface GasSpreadsheet extends Pick<
  GoogleAppsScript.Spreadsheet.Spreadsheet,
  'getId' | 'getUrl' | 'getName' | 'setSpreadsheetLocale' | 'setSpreadsheetTimeZone' | 'toast'
> {
  getSheetByName(name: string): GasSheet | null;
  getSheets(): GasSheet[];
  insertSheet(sheetName: string, sheetIndex: number): GasSheet;
  deleteSheet(sheet: GasSheet): void;
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GasProtection[];
  addEditors(emailAddresses: string[]): GasSpreadsheet;
}

export interface GasMenu {
  addItem(caption: string, functionName: string): GasMenu;
  addSeparator(): GasMenu;
  addToUi(): void;
}

export interface GasUi {
  createMenu(caption: string): GasMenu;
  alert(prompt: string): unknown;
}

export interface GasSpreadsheetApp extends Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'flush'> {
  getActiveSpreadsheet(): GasSpreadsheet | null;
  openById(id: string): GasSpreadsheet;
  create(name: string): GasSpreadsheet;
  getUi(): GasUi;
  newDataValidation(): GasDataValidationBuilder;
  newConditionalFormatRule(): GasConditionalFormatRuleBuilder;
  ProtectionType: {
    RANGE: GoogleAppsScript.Spreadsheet.ProtectionType;
    SHEET: GoogleAppsScript.Spreadsheet.ProtectionType;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// FormApp

/** An opaque value built by one service call and handed to another. */
export type GasTextValidation = object;
export interface GasTextValidationBuilder {
  requireTextMatchesPattern(pattern: string): GasTextValidationBuilder;
  requireTextLengthLessThanOrEqualTo(number: number): GasTextValidationBuilder;
  setHelpText(text: string): GasTextValidationBuilder;
  build(): GasTextValidation;
}
/** An opaque value built by one service call and handed to another. */
export type GasParagraphTextValidation = object;
export interface GasParagraphTextValidationBuilder {
  requireTextLengthLessThanOrEqualTo(number: number): GasParagraphTextValidationBuilder;
  setHelpText(text: string): GasParagraphTextValidationBuilder;
  build(): GasParagraphTextValidation;
}

/** An opaque value built by one service call and handed to another. */
export type GasItemResponse = object;

export interface GasTextItem extends Pick<
  GoogleAppsScript.Forms.TextItem,
  'getId' | 'getTitle' | 'getHelpText'
> {
  setTitle(title: string): GasTextItem;
  setHelpText(text: string): GasTextItem;
  setRequired(enabled: boolean): GasTextItem;
  setValidation(validation: GasTextValidation): GasTextItem;
  createResponse(response: string): GasItemResponse;
}
export interface GasParagraphTextItem extends Pick<
  GoogleAppsScript.Forms.ParagraphTextItem,
  'getId' | 'getTitle' | 'getHelpText'
> {
  setTitle(title: string): GasParagraphTextItem;
  setHelpText(text: string): GasParagraphTextItem;
  setRequired(enabled: boolean): GasParagraphTextItem;
  setValidation(validation: GasParagraphTextValidation): GasParagraphTextItem;
  createResponse(response: string): GasItemResponse;
}
export interface GasListItem extends Pick<
  GoogleAppsScript.Forms.ListItem,
  'getId' | 'getTitle' | 'getHelpText'
> {
  setTitle(title: string): GasListItem;
  setHelpText(text: string): GasListItem;
  setRequired(enabled: boolean): GasListItem;
  setChoiceValues(values: string[]): GasListItem;
  createResponse(response: string): GasItemResponse;
}
export interface GasCheckboxItem extends Pick<
  GoogleAppsScript.Forms.CheckboxItem,
  'getId' | 'getTitle' | 'getHelpText'
> {
  setTitle(title: string): GasCheckboxItem;
  setHelpText(text: string): GasCheckboxItem;
  setRequired(enabled: boolean): GasCheckboxItem;
  setChoiceValues(values: string[]): GasCheckboxItem;
  showOtherOption(enabled: boolean): GasCheckboxItem;
  createResponse(responses: string[]): GasItemResponse;
}
export interface GasDateItem extends Pick<
  GoogleAppsScript.Forms.DateItem,
  'getId' | 'getTitle' | 'getHelpText'
> {
  setTitle(title: string): GasDateItem;
  setHelpText(text: string): GasDateItem;
  setRequired(enabled: boolean): GasDateItem;
  setIncludesYear(enableYear: boolean): GasDateItem;
  createResponse(response: Date): GasItemResponse;
}
export interface GasSectionHeaderItem extends Pick<
  GoogleAppsScript.Forms.SectionHeaderItem,
  'getId' | 'getTitle' | 'getHelpText'
> {
  setTitle(title: string): GasSectionHeaderItem;
  setHelpText(text: string): GasSectionHeaderItem;
}

export interface GasItem extends Pick<
  GoogleAppsScript.Forms.Item,
  'getId' | 'getTitle' | 'getHelpText' | 'getType'
> {
  asTextItem(): GasTextItem;
  asParagraphTextItem(): GasParagraphTextItem;
  asListItem(): GasListItem;
  asCheckboxItem(): GasCheckboxItem;
  asDateItem(): GasDateItem;
  asSectionHeaderItem(): GasSectionHeaderItem;
}

export interface GasFormResponse {
  withItemResponse(response: GasItemResponse): GasFormResponse;
  toPrefilledUrl(): string;
  submit(): GasFormResponse;
}

export interface GasForm extends Pick<
  GoogleAppsScript.Forms.Form,
  | 'getId'
  | 'getTitle'
  | 'getEditUrl'
  | 'getPublishedUrl'
  | 'getDestinationId'
  | 'isAcceptingResponses'
  // Declared in forms-publishing.d.ts (the types lag Google's current docs).
  | 'isPublished'
> {
  setPublished(published: boolean): GasForm;
  setAcceptingResponses(enabled: boolean): GasForm;
  setTitle(title: string): GasForm;
  setDescription(description: string): GasForm;
  setConfirmationMessage(message: string): GasForm;
  setAllowResponseEdits(enabled: boolean): GasForm;
  setCollectEmail(collect: boolean): GasForm;
  addTextItem(): GasTextItem;
  addParagraphTextItem(): GasParagraphTextItem;
  addListItem(): GasListItem;
  addCheckboxItem(): GasCheckboxItem;
  addDateItem(): GasDateItem;
  addSectionHeaderItem(): GasSectionHeaderItem;
  getItems(): GasItem[];
  getItemById(id: number): GasItem | null;
  deleteItem(item: GasItem): void;
  setDestination(type: GoogleAppsScript.Forms.DestinationType, id: string): GasForm;
  createResponse(): GasFormResponse;
}

export interface GasFormApp {
  create(title: string): GasForm;
  openById(id: string): GasForm;
  createTextValidation(): GasTextValidationBuilder;
  createParagraphTextValidation(): GasParagraphTextValidationBuilder;
  DestinationType: { SPREADSHEET: GoogleAppsScript.Forms.DestinationType };
  ItemType: {
    TEXT: GoogleAppsScript.Forms.ItemType;
    PARAGRAPH_TEXT: GoogleAppsScript.Forms.ItemType;
    LIST: GoogleAppsScript.Forms.ItemType;
    CHECKBOX: GoogleAppsScript.Forms.ItemType;
    DATE: GoogleAppsScript.Forms.ItemType;
    SECTION_HEADER: GoogleAppsScript.Forms.ItemType;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// DriveApp

export interface GasFileIterator extends Pick<GoogleAppsScript.Drive.FileIterator, 'hasNext'> {
  next(): GasFile;
}
export interface GasFile extends Pick<
  GoogleAppsScript.Drive.File,
  'getId' | 'getName' | 'getUrl' | 'isTrashed'
> {
  makeCopy(name: string, destination: GasFolder): GasFile;
  moveTo(destination: GasFolder): GasFile;
  setTrashed(trashed: boolean): GasFile;
}
export interface GasFolder extends Pick<GoogleAppsScript.Drive.Folder, 'getId' | 'getName' | 'getUrl'> {
  getFilesByName(name: string): GasFileIterator;
}
export interface GasDriveApp {
  createFolder(name: string): GasFolder;
  getFolderById(id: string): GasFolder;
  getFileById(id: string): GasFile;
}

// ---------------------------------------------------------------------------------------------------------------
// DocumentApp (what is left of it: the RETEX chart's panels placed in the paragraph of a marker, the footer of a
// new template, and what the smoke test measures; the fill itself goes through the advanced Docs service) and
// Charts (the chart images).

export type GasElementType = GoogleAppsScript.Document.ElementType;
/** DocumentApp attributes, keyed by `DocumentApp.Attribute` values (a plain object in Apps Script). */
export type GasAttributes = Record<string, unknown>;

export interface GasElement {
  getType(): GasElementType;
  removeFromParent(): GasElement;
}
export interface GasInlineImage {
  /** WIDTH and HEIGHT together in one call (« Enum Attribute »: « The width of an element »). */
  setAttributes(attributes: GasAttributes): GasInlineImage;
  getWidth(): number;
  setAltDescription(description: string): GasInlineImage;
}
/** replaceText matches the paragraph's text block on its own. */
export interface GasParagraph extends GasElement {
  getText(): string;
  replaceText(searchPattern: string, replacement: string): GasElement;
  setText(text: string): void;
  appendInlineImage(image: GasBlob): GasInlineImage;
}
/** A body child, to be narrowed by its type. */
export interface GasBodyElement extends GasElement {
  asParagraph(): GasParagraph;
}
/** The body or a footer. */
export interface GasSection extends Pick<GoogleAppsScript.Document.Body, 'getText' | 'getNumChildren'> {
  getChild(childIndex: number): GasBodyElement;
  appendParagraph(text: string): GasParagraph;
}
/** Where findText found its pattern: a text element inside a paragraph (or a cell, a list item…). */
export interface GasRangeElement {
  getElement(): { getParent(): { asParagraph(): GasParagraph } };
}
export interface GasBody extends GasSection {
  /** The first match of an RE2 pattern in the body, or null (« Class Body », findText). */
  findText(searchPattern: string): GasRangeElement | null;
  appendTable(cells: string[][]): GasElement;
}
export interface GasDocument extends Pick<GoogleAppsScript.Document.Document, 'getId' | 'saveAndClose'> {
  getBody(): GasBody;
  addFooter(): GasSection;
}
export interface GasDocumentApp {
  create(name: string): GasDocument;
  openById(id: string): GasDocument;
  ElementType: Record<'PARAGRAPH', GasElementType>;
  Attribute: Record<'WIDTH' | 'HEIGHT', GoogleAppsScript.Document.Attribute>;
}

/** A blob handed from one service to another (a chart image into a document): opaque to the code. */
export interface GasBlob {
  getAs(contentType: string): unknown;
  getBlob(): unknown;
}
/** An opaque value built by one service call and handed to another. */
export type GasDataTable = object;
export interface GasDataTableBuilder {
  addColumn(type: GoogleAppsScript.Charts.ColumnType, label: string): GasDataTableBuilder;
  addRow(values: Array<string | number>): GasDataTableBuilder;
  build(): GasDataTable;
}
export interface GasChart {
  getAs(contentType: string): GasBlob;
}
export interface GasLineChartBuilder {
  setDataTable(table: GasDataTable): GasLineChartBuilder;
  setTitle(chartTitle: string): GasLineChartBuilder;
  setDimensions(width: number, height: number): GasLineChartBuilder;
  setLegendPosition(position: GoogleAppsScript.Charts.Position): GasLineChartBuilder;
  setColors(cssValues: string[]): GasLineChartBuilder;
  setRange(start: number, end: number): GasLineChartBuilder;
  build(): GasChart;
}
export interface GasCharts {
  newDataTable(): GasDataTableBuilder;
  newLineChart(): GasLineChartBuilder;
  ColumnType: Record<'STRING' | 'NUMBER', GoogleAppsScript.Charts.ColumnType>;
  Position: Record<'NONE' | 'BOTTOM', GoogleAppsScript.Charts.Position>;
}

// ---------------------------------------------------------------------------------------------------------------
// ScriptApp, LockService, PropertiesService, MailApp, Session, Utilities

export interface GasTrigger extends Pick<
  GoogleAppsScript.Script.Trigger,
  'getUniqueId' | 'getHandlerFunction' | 'getTriggerSourceId'
> {
  getEventType(): GoogleAppsScript.Script.EventType;
}
export interface GasClockTriggerBuilder {
  after(durationMilliseconds: number): GasClockTriggerBuilder;
  everyWeeks(n: number): GasClockTriggerBuilder;
  everyHours(n: number): GasClockTriggerBuilder;
  onWeekDay(day: GoogleAppsScript.Base.Weekday): GasClockTriggerBuilder;
  atHour(hour: number): GasClockTriggerBuilder;
  nearMinute(minute: number): GasClockTriggerBuilder;
  inTimezone(timezone: string): GasClockTriggerBuilder;
  create(): GasTrigger;
}
export interface GasSpreadsheetTriggerBuilder {
  onFormSubmit(): GasSpreadsheetTriggerBuilder;
  onEdit(): GasSpreadsheetTriggerBuilder;
  create(): GasTrigger;
}
export interface GasTriggerBuilder {
  forSpreadsheet(sheet: GasSpreadsheet): GasSpreadsheetTriggerBuilder;
  timeBased(): GasClockTriggerBuilder;
}
export interface GasScriptApp extends Pick<GoogleAppsScript.Script.ScriptApp, 'getOAuthToken'> {
  newTrigger(functionName: string): GasTriggerBuilder;
  getProjectTriggers(): GasTrigger[];
  deleteTrigger(trigger: GasTrigger): void;
  EventType: {
    CLOCK: GoogleAppsScript.Script.EventType;
    ON_EDIT: GoogleAppsScript.Script.EventType;
    ON_FORM_SUBMIT: GoogleAppsScript.Script.EventType;
  };
  WeekDay: Record<
    'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY',
    GoogleAppsScript.Base.Weekday
  >;
}

export type GasLock = Pick<GoogleAppsScript.Lock.Lock, 'waitLock' | 'tryLock' | 'releaseLock' | 'hasLock'>;
export interface GasLockService {
  getScriptLock(): GasLock;
}

export interface GasProperties extends Pick<
  GoogleAppsScript.Properties.Properties,
  'getProperty' | 'getProperties'
> {
  setProperty(key: string, value: string): GasProperties;
  setProperties(properties: { [key: string]: string }): GasProperties;
  deleteProperty(key: string): GasProperties;
}
export interface GasPropertiesService {
  getScriptProperties(): GasProperties;
}

export interface GasMailMessage {
  to: string;
  subject: string;
  body: string;
  replyTo?: string;
  name?: string;
}
export interface GasMailApp extends Pick<GoogleAppsScript.Mail.MailApp, 'getRemainingDailyQuota'> {
  sendEmail(message: GasMailMessage): void;
}

export interface GasSession extends Pick<GoogleAppsScript.Base.Session, 'getScriptTimeZone'> {
  getActiveUser(): GasUser;
  getEffectiveUser(): GasUser;
}

export type GasUtilities = Pick<GoogleAppsScript.Utilities.Utilities, 'formatDate' | 'getUuid' | 'sleep'>;

/** The globals an Apps Script execution sees, gathered once by main.ts and handed to the adapters. */
/** A filter view as the Sheets API describes it (the fields this runtime reads). */
export interface GasFilterView {
  filterViewId?: number | null;
  title?: string | null;
}

/** What spreadsheets.batchUpdate answers: one reply per request, in order (empty for most kinds). */
export interface SheetsBatchResponse {
  spreadsheetId?: string | null;
  replies?: object[] | null;
}

/**
 * The advanced Sheets service (Sheets API v4), enabled in the manifest: filter views, which SpreadsheetApp cannot
 * make (Google, « Manage data visibility with filters », https://developers.google.com/workspace/sheets/api/guides/
 * filters), and the workbook's drawing and protections in one spreadsheets.batchUpdate per spreadsheet instead of a
 * call per range (the request bodies of src/google/workbook-requests.ts, the ones the REST runtime sends). The
 * requests this runtime sends: updateDimensionProperties, updateSheetProperties, repeatCell, mergeCells,
 * setDataValidation, addProtectedRange, addFilterView, deleteFilterView. Absent when the manifest does not enable it.
 */
export interface GasSheetsAdvanced {
  Spreadsheets?: {
    get(
      spreadsheetId: string,
      optionalArgs?: { fields?: string },
    ): {
      sheets?: Array<{
        properties?: { sheetId?: number | null; title?: string | null } | null;
        filterViews?: GasFilterView[] | null;
      }> | null;
    };
    batchUpdate(resource: { requests?: SheetsRequest[] }, spreadsheetId: string): SheetsBatchResponse;
    /**
     * spreadsheets.values (Sheets API v4, « Method: spreadsheets.values.batchUpdate »,
     * https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values/batchUpdate): the
     * REST runtime's value write. Only smokeGoogle calls it here, to measure on a real account what the REST fake
     * assumes of it (docs/google-assumptions.md S17).
     */
    Values?: {
      batchUpdate(
        resource: {
          valueInputOption: 'RAW';
          data: Array<{
            range: string;
            majorDimension?: 'ROWS';
            values: Array<Array<string | number | null>>;
          }>;
        },
        spreadsheetId: string,
      ): { totalUpdatedCells?: number | null };
    };
  };
}

/** A request of UrlFetchApp.fetchAll, as this runtime sends them: JSON to a Google API with the script's token. */
export interface GasFetchRequest {
  url: string;
  method: 'post' | 'get';
  /** With a payload only. */
  contentType?: 'application/json';
  headers: { Authorization: string };
  payload?: string;
  muteHttpExceptions: true;
}

export type GasHttpResponse = Pick<
  GoogleAppsScript.URL_Fetch.HTTPResponse,
  'getResponseCode' | 'getContentText'
>;

/** UrlFetchApp: only fetchAll, which sends its requests concurrently (used for Drive copies, one wave per call). */
export interface GasUrlFetchApp {
  fetchAll(requests: GasFetchRequest[]): GasHttpResponse[];
}

/**
 * The advanced Docs service (Docs API v1): reads a document's structure with UTF-16 indexes and applies the fill's
 * requests (src/google/retex-doc-fill.ts) in one batchUpdate each — « If any request is not valid, then the entire
 * request will fail and nothing will be applied » (Docs API, « Method: documents.batchUpdate »,
 * https://developers.google.com/workspace/docs/api/reference/rest/v1/documents/batchUpdate). Absent when the
 * manifest does not enable it.
 */
export interface GasDocsAdvanced {
  Documents?: {
    /** Apps Script's own type: the REST one, but with its maps typed `object` (see docsDocument, retex-docs.ts). */
    get(documentId: string): GoogleAppsScript.Docs.Schema.Document;
    batchUpdate(resource: { requests?: DocsRequest[] }, documentId: string): unknown;
  };
}

export interface GasServices {
  SpreadsheetApp: GasSpreadsheetApp;
  FormApp: GasFormApp;
  DriveApp: GasDriveApp;
  DocumentApp: GasDocumentApp;
  Charts: GasCharts;
  ScriptApp: GasScriptApp;
  LockService: GasLockService;
  PropertiesService: GasPropertiesService;
  MailApp: GasMailApp;
  Session: GasSession;
  Utilities: GasUtilities;
  UrlFetchApp: GasUrlFetchApp;
  /** The advanced Sheets service, when the manifest enables it. */
  Sheets?: GasSheetsAdvanced;
  /** The advanced Docs service, when the manifest enables it. */
  Docs?: GasDocsAdvanced;
}

/** The event a spreadsheet-level onFormSubmit trigger passes. */
export type GasFormSubmitEvent = Pick<
  GoogleAppsScript.Events.SheetsOnFormSubmit,
  'namedValues' | 'values'
> & {
  range: GasRange;
  triggerUid?: string;
};

/** The event an installable onEdit trigger passes (oldValue/value are absent for multi-cell edits). */
export interface GasEditEvent {
  range: GasRange;
  oldValue?: string;
  value?: string;
  user?: GasUser;
}

// ---------------------------------------------------------------------------------------------------------------
// Drift checks: each real Apps Script type must be assignable to the narrow interface the code relies on.

type Assert<T extends U, U> = T;
export type DriftChecks = [
  Assert<GoogleAppsScript.Spreadsheet.SpreadsheetApp, GasSpreadsheetApp>,
  Assert<GoogleAppsScript.Spreadsheet.Spreadsheet, GasSpreadsheet>,
  Assert<GoogleAppsScript.Spreadsheet.Sheet, GasSheet>,
  Assert<GoogleAppsScript.Spreadsheet.Range, GasRange>,
  Assert<GoogleAppsScript.Spreadsheet.Protection, GasProtection>,
  Assert<GoogleAppsScript.Spreadsheet.TextFinder, GasTextFinder>,
  Assert<GoogleAppsScript.Spreadsheet.DataValidationBuilder, GasDataValidationBuilder>,
  Assert<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder, GasConditionalFormatRuleBuilder>,
  Assert<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder, GasEmbeddedChartBuilder>,
  Assert<GoogleAppsScript.Base.Ui, GasUi>,
  Assert<GoogleAppsScript.Forms.FormApp, GasFormApp>,
  Assert<GoogleAppsScript.Forms.Form, GasForm>,
  Assert<GoogleAppsScript.Forms.Item, GasItem>,
  Assert<GoogleAppsScript.Forms.TextItem, GasTextItem>,
  Assert<GoogleAppsScript.Forms.ParagraphTextItem, GasParagraphTextItem>,
  Assert<GoogleAppsScript.Forms.ListItem, GasListItem>,
  Assert<GoogleAppsScript.Forms.CheckboxItem, GasCheckboxItem>,
  Assert<GoogleAppsScript.Forms.DateItem, GasDateItem>,
  Assert<GoogleAppsScript.Forms.FormResponse, GasFormResponse>,
  Assert<GoogleAppsScript.Forms.TextValidationBuilder, GasTextValidationBuilder>,
  Assert<GoogleAppsScript.Drive.DriveApp, GasDriveApp>,
  Assert<GoogleAppsScript.Drive.File, GasFile>,
  Assert<GoogleAppsScript.Drive.Folder, GasFolder>,
  Assert<GoogleAppsScript.Document.DocumentApp, GasDocumentApp>,
  Assert<GoogleAppsScript.Document.Document, GasDocument>,
  Assert<GoogleAppsScript.Document.Body, GasBody>,
  Assert<GoogleAppsScript.Document.FooterSection, GasSection>,
  Assert<GoogleAppsScript.Document.Paragraph, GasParagraph>,
  Assert<GoogleAppsScript.Document.Element, GasBodyElement>,
  Assert<GoogleAppsScript.Document.InlineImage, GasInlineImage>,
  Assert<GoogleAppsScript.Charts.Charts, GasCharts>,
  Assert<GoogleAppsScript.Charts.DataTableBuilder, GasDataTableBuilder>,
  Assert<GoogleAppsScript.Charts.LineChartBuilder, GasLineChartBuilder>,
  Assert<GoogleAppsScript.Charts.Chart, GasChart>,
  Assert<GoogleAppsScript.Script.ScriptApp, GasScriptApp>,
  Assert<GoogleAppsScript.Script.Trigger, GasTrigger>,
  Assert<GoogleAppsScript.Lock.LockService, GasLockService>,
  Assert<GoogleAppsScript.Properties.PropertiesService, GasPropertiesService>,
  Assert<GoogleAppsScript.Mail.MailApp, GasMailApp>,
  Assert<GoogleAppsScript.Base.Session, GasSession>,
  Assert<GoogleAppsScript.Utilities.Utilities, GasUtilities>,
  Assert<GoogleAppsScript.Sheets, GasSheetsAdvanced>,
  Assert<GoogleAppsScript.URL_Fetch.UrlFetchApp, GasUrlFetchApp>,
  Assert<GoogleAppsScript.Docs, GasDocsAdvanced>,
];
