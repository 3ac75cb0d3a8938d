// SpreadsheetApp fake: spreadsheets, sheets, ranges, protections, text finders, data validation, conditional
// formatting and line charts, with Google's documented behaviours — 1-based coordinates, ranges outside the
// sheet refused, setValues size checks, user-entered parsing (`=` makes a formula, a leading `'` keeps text),
// appendRow growing the sheet, no cell over 50,000 characters, no spreadsheet over 10 million cells (every tab's
// rows × columns, blank cells included, checked on insertSheet, inserted rows and columns, appendRow and a
// linked form's tab), the owner and the current user never removed from a protection, setDomainEdit refused
// outside a Workspace domain. Does not emulate: formula evaluation (formulas read back as ''), write caching
// (flush only counts), notes and rich text, filters, named ranges, developer metadata (kept in the model for the
// Sheets API only, sheets-batch.ts), charts other than line charts, number formats beyond dates, sorting, the UI
// beyond menus, alerts and toasts.
import type {
  GasConditionalFormatRule,
  GasConditionalFormatRuleBuilder,
  GasDataValidation,
  GasDataValidationBuilder,
  GasEmbeddedChart,
  GasEmbeddedChartBuilder,
  GasEmbeddedLineChartBuilder,
  GasMenu,
  GasProtection,
  GasRange,
  GasSheet,
  GasSpreadsheet,
  GasSpreadsheetApp,
  GasTextFinder,
  GasUi,
  GasUser,
  HAlign,
  VAlign,
} from '../../../src/apps-script/gas-api';
import { a1Of, contains, parseA1, type Box } from './a1';
import type { DriveRegistry } from './drive-app';
import type { GasRuntime } from './runtime';
import {
  cellFromWritten,
  displayValue,
  readValue,
  SpreadsheetData,
  type ChartData,
  type ProtectionData,
  type SheetData,
  type ValidationRule,
} from './sheet-data';

/** State shared by every SpreadsheetApp handle of one emulated account. */
export class SpreadsheetStore {
  readonly byId = new Map<string, SpreadsheetData>();
  /** The spreadsheet a bound script belongs to (what getActiveSpreadsheet returns). */
  containerId: string | null = null;
  /** Menus added by onOpen, and alerts shown, for assertions. */
  readonly menus: Array<{ caption: string; items: Array<{ caption: string; functionName: string }> }> = [];
  readonly alerts: string[] = [];
  /** Set when the account belongs to a Google Workspace domain (setDomainEdit works only then). */
  workspaceDomain: string | null = null;
  /**
   * Addresses with no Google account. Sharing with one fails, as Drive refuses a share without invitation e-mail
   * to such an address (« Since there is no Google account associated with this email address, you must check the
   * "Notify people" box »; the text developers report for DriveApp/Drive API). Assumed, stricter, for
   * Spreadsheet.addEditors and Protection.addEditor(s) too: Google documents neither.
   */
  readonly noGoogleAccount = new Set<string>();

  /** Flushes after which a newly linked form's tab shows (1: the next one; a test raises it to play a slow Google). */
  linkedTabFlushes = 1;

  /** What a flush makes visible: the response tabs of forms linked since the last one. */
  flushAll(): void {
    for (const ss of this.byId.values())
      for (const sheet of ss.sheets) sheet.flushesUntilVisible = Math.max(0, sheet.flushesUntilVisible - 1);
  }

  /**
   * A file editor, as Spreadsheet.addEditors makes one: an editor of the protections' model and a writer in Drive's
   * one list of permissions (what the REST façade's permissions.list reads).
   */
  shareAsWriter(data: SpreadsheetData, email: string): void {
    const known = this.drive.permissions.some(
      (p) =>
        p.fileId === data.id &&
        p.body.role === 'writer' &&
        p.body.emailAddress?.toLowerCase() === email.toLowerCase(),
    );
    data.editors.add(email);
    if (!known) this.drive.grant(data.id, { type: 'user', role: 'writer', emailAddress: email });
  }

  /** Throws as Google does when one of `emails` has no Google account; nothing is shared then. */
  checkAccounts(emails: readonly string[]): void {
    const bad = emails.find((e) => this.noGoogleAccount.has(e.toLowerCase()));
    if (bad) throw new Error(`Invalid argument: ${bad}. ${noAccountRefusal(bad)}`);
  }

  constructor(
    private readonly rt: GasRuntime,
    private readonly drive: DriveRegistry,
    readonly parisMidnight: (y: number, m: number, d: number) => Date,
  ) {}

  /**
   * A new spreadsheet, owned by the running account unless `owner` says who created it (a REST caller), its first
   * tab named as Google names it in the creator's language (`Sheet1`, `Feuille 1`).
   */
  create(name: string, options: { owner?: string; firstSheet?: string } = {}): SpreadsheetData {
    const entry = this.drive.create('spreadsheet', name);
    if (options.owner !== undefined) entry.owner = options.owner;
    const data = new SpreadsheetData(entry.id, name, entry.owner, this.drive.url(entry));
    data.addSheet(options.firstSheet ?? 'Sheet1');
    this.byId.set(entry.id, data);
    return data;
  }

  get(id: string): SpreadsheetData {
    const data = this.byId.get(id);
    const entry = this.drive.entries.get(id);
    if (!data || !entry || entry.trashed)
      throw new Error(
        `Unexpected error while getting the method or property openById on object SpreadsheetApp.`,
      );
    return data;
  }

  handle(data: SpreadsheetData): FakeSpreadsheet {
    return new FakeSpreadsheet(this.rt, this, data);
  }

  sheetHandle(data: SpreadsheetData, sheet: SheetData): FakeSheet {
    return new FakeSheet(this.rt, this, data, sheet);
  }
}

/** Google's words when a silent share names an address without a Google account (Apps Script and Drive API alike). */
export function noAccountRefusal(email: string): string {
  return `You are trying to invite ${email}. Since there is no Google account associated with this email address, you must check the "Notify people" box to invite this recipient.`;
}

/** What Google throws when a script writes a cell its account may not edit. */
export const PROTECTED_CELL_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/**
 * A script runs as an account (the person who clicked, the creator of a trigger), and its writes are that account's:
 * refused on a cell a protection (or the file's sharing) closes to it, as in the Sheets UI.
 */
export function assertMayWrite(rt: GasRuntime, ss: SpreadsheetData, sheet: SheetData, box: Box): void {
  assertMayWriteAs(rt.effectiveUser, ss, sheet, box);
}

/** The same rule for a given account (a REST caller has no script runtime). */
export function assertMayWriteAs(user: string, ss: SpreadsheetData, sheet: SheetData, box: Box): void {
  if (user === ss.owner) return;
  for (let r = box.row; r < box.row + box.rows; r += 1)
    for (let c = box.col; c < box.col + box.cols; c += 1)
      if (!ss.canEdit(user, sheet, r, c)) throw new Error(PROTECTED_CELL_MESSAGE);
}

class FakeUser implements GasUser {
  constructor(
    private readonly rt: GasRuntime,
    private readonly email: string,
  ) {}
  getEmail(): string {
    this.rt.call('User.getEmail', 'nav');
    return this.email;
  }
}

export function fakeUser(rt: GasRuntime, email: string): GasUser {
  return new FakeUser(rt, email);
}

// ---------------------------------------------------------------------------------------------------------------

class FakeTextFinder implements GasTextFinder {
  private entire = false;
  private position = -1;
  constructor(
    private readonly rt: GasRuntime,
    private readonly text: string,
    private readonly scope: () => FakeRange[],
  ) {}
  matchEntireCell(matchEntireCell: boolean): GasTextFinder {
    this.rt.call('TextFinder.matchEntireCell', 'nav');
    this.entire = matchEntireCell;
    return this;
  }
  private hits(): FakeRange[] {
    const needle = this.text.toLowerCase();
    const out: FakeRange[] = [];
    for (const range of this.scope()) {
      const display = range.displayGrid();
      display.forEach((row, i) =>
        row.forEach((value, j) => {
          const v = value.toLowerCase();
          if (this.entire ? v === needle : v.includes(needle)) out.push(range.cellAt(i, j));
        }),
      );
    }
    return out;
  }
  private scanned(): number {
    return this.scope().reduce((n, r) => n + r.box.rows * r.box.cols, 0);
  }
  findNext(): GasRange | null {
    this.rt.call('TextFinder.findNext', 'read', this.scanned());
    const hits = this.hits();
    this.position += 1;
    return hits[this.position] ?? null;
  }
  findAll(): GasRange[] {
    this.rt.call('TextFinder.findAll', 'read', this.scanned());
    return this.hits();
  }
}

class FakeDataValidationBuilder implements GasDataValidationBuilder {
  rule: ValidationRule = { kind: 'date' };
  constructor(private readonly rt: GasRuntime) {}
  requireValueInList(values: string[]): GasDataValidationBuilder {
    this.rt.call('DataValidationBuilder.requireValueInList', 'nav');
    this.rule = { kind: 'list', values: [...values] };
    return this;
  }
  requireNumberBetween(start: number, end: number): GasDataValidationBuilder {
    this.rt.call('DataValidationBuilder.requireNumberBetween', 'nav');
    this.rule = { kind: 'numberBetween', min: start, max: end };
    return this;
  }
  requireDate(): GasDataValidationBuilder {
    this.rt.call('DataValidationBuilder.requireDate', 'nav');
    this.rule = { kind: 'date' };
    return this;
  }
  setAllowInvalid(): GasDataValidationBuilder {
    this.rt.call('DataValidationBuilder.setAllowInvalid', 'nav');
    return this;
  }
  setHelpText(): GasDataValidationBuilder {
    this.rt.call('DataValidationBuilder.setHelpText', 'nav');
    return this;
  }
  build(): GasDataValidation {
    this.rt.call('DataValidationBuilder.build', 'nav');
    return { rule: this.rule } as { rule: ValidationRule };
  }
}

class FakeConditionalFormatRuleBuilder implements GasConditionalFormatRuleBuilder {
  private text = '';
  private background = '';
  private ranges: Box[] = [];
  constructor(private readonly rt: GasRuntime) {}
  whenTextEqualTo(text: string): GasConditionalFormatRuleBuilder {
    this.rt.call('ConditionalFormatRuleBuilder.whenTextEqualTo', 'nav');
    this.text = text;
    return this;
  }
  setBackground(color: string | null): GasConditionalFormatRuleBuilder {
    this.rt.call('ConditionalFormatRuleBuilder.setBackground', 'nav');
    this.background = color ?? '';
    return this;
  }
  setRanges(ranges: GasRange[]): GasConditionalFormatRuleBuilder {
    this.rt.call('ConditionalFormatRuleBuilder.setRanges', 'nav');
    this.ranges = ranges.map((r) => (r as FakeRange).box);
    return this;
  }
  build(): GasConditionalFormatRule {
    this.rt.call('ConditionalFormatRuleBuilder.build', 'nav');
    return { text: this.text, background: this.background, ranges: this.ranges };
  }
}

class FakeChart implements GasEmbeddedChart {
  constructor(
    private readonly rt: GasRuntime,
    private readonly sheet: FakeSheet,
    readonly data: ChartData,
  ) {}
  getRanges(): GasRange[] {
    this.rt.call('EmbeddedChart.getRanges', 'nav');
    return this.data.ranges.map((b) => this.sheet.range(b));
  }
}

class FakeChartBuilder implements GasEmbeddedChartBuilder, GasEmbeddedLineChartBuilder {
  private readonly chart: Omit<ChartData, 'id'> = {
    type: 'line',
    title: '',
    ranges: [],
    position: { row: 1, col: 1 },
    numHeaders: 0,
  };
  constructor(
    private readonly rt: GasRuntime,
    private readonly sheet: FakeSheet,
  ) {}
  asLineChart(): GasEmbeddedLineChartBuilder {
    this.rt.call('EmbeddedChartBuilder.asLineChart', 'nav');
    return this;
  }
  setTitle(chartTitle: string): GasEmbeddedLineChartBuilder {
    this.rt.call('EmbeddedLineChartBuilder.setTitle', 'nav');
    this.chart.title = chartTitle;
    return this;
  }
  addRange(range: GasRange): GasEmbeddedChartBuilder {
    this.rt.call('EmbeddedChartBuilder.addRange', 'nav');
    this.chart.ranges.push((range as FakeRange).box);
    return this;
  }
  setNumHeaders(headers: number): GasEmbeddedChartBuilder {
    this.rt.call('EmbeddedChartBuilder.setNumHeaders', 'nav');
    this.chart.numHeaders = headers;
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number): GasEmbeddedChartBuilder {
    this.rt.call('EmbeddedChartBuilder.setPosition', 'nav');
    this.chart.position = { row: anchorRowPos, col: anchorColPos };
    return this;
  }
  setOption(option: string, value: unknown): GasEmbeddedChartBuilder {
    this.rt.call('EmbeddedChartBuilder.setOption', 'nav');
    if (option === 'title' && typeof value === 'string') this.chart.title = value;
    return this;
  }
  build(): GasEmbeddedChart {
    this.rt.call('EmbeddedChartBuilder.build', 'nav');
    return new FakeChart(this.rt, this.sheet, { ...this.chart, ranges: [...this.chart.ranges], id: -1 });
  }
}

class FakeProtection implements GasProtection {
  constructor(
    private readonly rt: GasRuntime,
    private readonly store: SpreadsheetStore,
    private readonly ss: SpreadsheetData,
    readonly data: ProtectionData,
  ) {}
  private alive(): void {
    if (this.data.removed) throw new Error('The protection has been removed.');
  }
  getDescription(): string {
    this.rt.call('Protection.getDescription', 'nav');
    return this.data.description;
  }
  setDescription(description: string): GasProtection {
    this.rt.call('Protection.setDescription', 'structure');
    this.alive();
    this.data.description = description;
    return this;
  }
  addEditor(emailAddress: string): GasProtection {
    this.rt.call('Protection.addEditor', 'structure');
    this.alive();
    this.store.checkAccounts([emailAddress]);
    this.data.editors.add(emailAddress);
    return this;
  }
  addEditors(emailAddresses: string[]): GasProtection {
    this.rt.call('Protection.addEditors', 'structure');
    this.alive();
    this.store.checkAccounts(emailAddresses);
    for (const e of emailAddresses) this.data.editors.add(e);
    return this;
  }
  removeEditors(emailAddresses: string[]): GasProtection {
    this.rt.call('Protection.removeEditors', 'structure');
    this.alive();
    // Documented: neither the owner of the spreadsheet nor the current user can be removed.
    for (const e of emailAddresses)
      if (e !== this.ss.owner && e !== this.rt.effectiveUser) this.data.editors.delete(e);
    return this;
  }
  getEditors(): GasUser[] {
    this.rt.call('Protection.getEditors', 'read');
    this.alive();
    return [...new Set([this.ss.owner, ...this.data.editors])].map((e) => fakeUser(this.rt, e));
  }
  canDomainEdit(): boolean {
    this.rt.call('Protection.canDomainEdit', 'read');
    return this.data.domainEdit;
  }
  setDomainEdit(editable: boolean): GasProtection {
    this.rt.call('Protection.setDomainEdit', 'structure');
    if (this.store.workspaceDomain === null)
      throw new Error('This operation is only available for Google Workspace domains.');
    this.data.domainEdit = editable;
    return this;
  }
  isWarningOnly(): boolean {
    this.rt.call('Protection.isWarningOnly', 'nav');
    return this.data.warningOnly;
  }
  getRange(): GasRange {
    this.rt.call('Protection.getRange', 'nav');
    const sheet = this.ss.sheets.find((s) => s.id === this.data.sheetId);
    if (!sheet) throw new Error('The sheet of this protection no longer exists.');
    const handle = this.store.sheetHandle(this.ss, sheet);
    return handle.range(this.data.box ?? { row: 1, col: 1, rows: sheet.maxRows, cols: sheet.maxColumns });
  }
  remove(): void {
    this.rt.call('Protection.remove', 'structure');
    this.data.removed = true;
  }
}

function newProtection(
  rt: GasRuntime,
  store: SpreadsheetStore,
  ss: SpreadsheetData,
  sheet: SheetData,
  box: Box | null,
): FakeProtection {
  // Documented: until the script changes the editors, a new protection mirrors the spreadsheet's permissions.
  const data: ProtectionData = {
    id: (ss.nextProtectionId += 1),
    type: box === null ? 'SHEET' : 'RANGE',
    sheetId: sheet.id,
    box,
    description: '',
    editors: new Set([ss.owner, ...ss.editors]),
    domainEdit: store.workspaceDomain !== null,
    warningOnly: false,
    removed: false,
  };
  ss.protections.push(data);
  return new FakeProtection(rt, store, ss, data);
}

// ---------------------------------------------------------------------------------------------------------------

export class FakeRange implements GasRange {
  constructor(
    private readonly rt: GasRuntime,
    private readonly store: SpreadsheetStore,
    private readonly ss: SpreadsheetData,
    readonly sheet: SheetData,
    readonly box: Box,
  ) {
    if (box.row < 1 || box.col < 1 || box.rows < 1 || box.cols < 1)
      throw new Error(
        box.rows < 1 || box.cols < 1
          ? 'The number of rows and columns in the range must be at least 1.'
          : 'Starting row and column of the range must be at least 1.',
      );
    if (box.row + box.rows - 1 > sheet.maxRows || box.col + box.cols - 1 > sheet.maxColumns)
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
  }

  private get cellCount(): number {
    return this.box.rows * this.box.cols;
  }

  private each<T>(fn: (row: number, col: number) => T): T[][] {
    return Array.from({ length: this.box.rows }, (_, i) =>
      Array.from({ length: this.box.cols }, (_, j) => fn(this.box.row + i, this.box.col + j)),
    );
  }

  private checkSize(values: unknown[][], what: string): void {
    if (!Array.isArray(values) || values.length !== this.box.rows)
      throw new Error(
        `The number of rows in the ${what} does not match the number of rows in the range. The ${what} has ${Array.isArray(values) ? values.length : 0} but the range has ${this.box.rows}.`,
      );
    for (const row of values)
      if (!Array.isArray(row) || row.length !== this.box.cols)
        throw new Error(
          `The number of columns in the ${what} does not match the number of columns in the range. The ${what} has ${Array.isArray(row) ? row.length : 0} but the range has ${this.box.cols}.`,
        );
  }

  cellAt(i: number, j: number): FakeRange {
    return new FakeRange(this.rt, this.store, this.ss, this.sheet, {
      row: this.box.row + i,
      col: this.box.col + j,
      rows: 1,
      cols: 1,
    });
  }

  displayGrid(): string[][] {
    return this.each((r, c) =>
      displayValue(this.sheet.cell(r, c), this.sheet.format(r, c), this.ss.locale, this.ss.timeZone),
    );
  }

  getRow(): number {
    this.rt.call('Range.getRow', 'nav');
    return this.box.row;
  }
  getColumn(): number {
    this.rt.call('Range.getColumn', 'nav');
    return this.box.col;
  }
  getNumRows(): number {
    this.rt.call('Range.getNumRows', 'nav');
    return this.box.rows;
  }
  getNumColumns(): number {
    this.rt.call('Range.getNumColumns', 'nav');
    return this.box.cols;
  }
  getA1Notation(): string {
    this.rt.call('Range.getA1Notation', 'nav');
    return a1Of(this.box);
  }
  getSheet(): GasSheet {
    this.rt.call('Range.getSheet', 'nav');
    return this.store.sheetHandle(this.ss, this.sheet);
  }
  getValues(): unknown[][] {
    this.rt.call('Range.getValues', 'read', this.cellCount);
    return this.each((r, c) => readValue(this.sheet.cell(r, c)));
  }
  getDisplayValues(): string[][] {
    this.rt.call('Range.getDisplayValues', 'read', this.cellCount);
    return this.displayGrid();
  }
  getValue(): unknown {
    this.rt.call('Range.getValue', 'read', 1);
    return readValue(this.sheet.cell(this.box.row, this.box.col));
  }
  setValues(values: unknown[][]): GasRange {
    this.rt.call('Range.setValues', 'write', this.cellCount);
    this.checkSize(values, 'data');
    assertMayWrite(this.rt, this.ss, this.sheet, this.box);
    const cells = values.map((row) => row.map((v) => cellFromWritten(v, this.store.parisMidnight)));
    cells.forEach((row, i) =>
      row.forEach((cell, j) => this.sheet.setCell(this.box.row + i, this.box.col + j, cell)),
    );
    return this;
  }
  setValue(value: unknown): GasRange {
    this.rt.call('Range.setValue', 'write', this.cellCount);
    assertMayWrite(this.rt, this.ss, this.sheet, this.box);
    const cell = cellFromWritten(value, this.store.parisMidnight);
    this.each((r, c) => this.sheet.setCell(r, c, { ...cell }));
    return this;
  }
  clearContent(): GasRange {
    this.rt.call('Range.clearContent', 'write', this.cellCount);
    assertMayWrite(this.rt, this.ss, this.sheet, this.box);
    this.each((r, c) => this.sheet.setCell(r, c, undefined));
    return this;
  }
  private setGrid<T>(name: string, grid: T[][], apply: (row: number, col: number, v: T) => void): GasRange {
    this.rt.call(`Range.${name}`, 'format', this.cellCount);
    this.checkSize(grid as unknown[][], name.replace(/^set/, '').toLowerCase());
    grid.forEach((row, i) => row.forEach((v, j) => apply(this.box.row + i, this.box.col + j, v)));
    return this;
  }
  setBackgrounds(color: Array<Array<string | null>>): GasRange {
    return this.setGrid('setBackgrounds', color, (r, c, v) => this.sheet.setFormat(r, c, { background: v }));
  }
  setFontWeights(fontWeights: Array<Array<'bold' | 'normal' | null>>): GasRange {
    return this.setGrid('setFontWeights', fontWeights, (r, c, v) =>
      this.sheet.setFormat(r, c, { fontWeight: v }),
    );
  }
  setFontStyles(fontStyles: Array<Array<'italic' | 'normal' | null>>): GasRange {
    return this.setGrid('setFontStyles', fontStyles, (r, c, v) =>
      this.sheet.setFormat(r, c, { fontStyle: v }),
    );
  }
  setFontColors(colors: Array<Array<string | null>>): GasRange {
    return this.setGrid('setFontColors', colors, (r, c, v) => this.sheet.setFormat(r, c, { fontColor: v }));
  }
  setFontSizes(sizes: number[][]): GasRange {
    return this.setGrid('setFontSizes', sizes, (r, c, v) => this.sheet.setFormat(r, c, { fontSize: v }));
  }
  setWraps(isWrapEnabled: boolean[][]): GasRange {
    return this.setGrid('setWraps', isWrapEnabled, (r, c, v) => this.sheet.setFormat(r, c, { wrap: v }));
  }
  setHorizontalAlignments(alignments: HAlign[][]): GasRange {
    return this.setGrid('setHorizontalAlignments', alignments, (r, c, v) =>
      this.sheet.setFormat(r, c, { hAlign: v }),
    );
  }
  setVerticalAlignments(alignments: VAlign[][]): GasRange {
    return this.setGrid('setVerticalAlignments', alignments, (r, c, v) =>
      this.sheet.setFormat(r, c, { vAlign: v }),
    );
  }
  setNumberFormat(numberFormat: string): GasRange {
    this.rt.call('Range.setNumberFormat', 'format', this.cellCount);
    this.each((r, c) => this.sheet.setFormat(r, c, { numberFormat }));
    return this;
  }
  merge(): GasRange {
    this.rt.call('Range.merge', 'format');
    if (
      this.sheet.merges.some(
        (m) =>
          m.row < this.box.row + this.box.rows &&
          this.box.row < m.row + m.rows &&
          m.col < this.box.col + this.box.cols &&
          this.box.col < m.col + m.cols &&
          a1Of(m) !== a1Of(this.box),
      )
    )
      throw new Error('You must select all cells in a merged range to merge or unmerge them.');
    if (!this.sheet.merges.some((m) => a1Of(m) === a1Of(this.box))) this.sheet.merges.push({ ...this.box });
    return this;
  }
  setDataValidation(rule: GasDataValidation | null): GasRange {
    this.rt.call('Range.setDataValidation', 'structure');
    this.each((r, c) => {
      const key = `${r}:${c}`;
      if (rule === null) this.sheet.validations.delete(key);
      else this.sheet.validations.set(key, (rule as { rule: ValidationRule }).rule);
    });
    return this;
  }
  protect(): GasProtection {
    this.rt.call('Range.protect', 'structure');
    return newProtection(this.rt, this.store, this.ss, this.sheet, { ...this.box });
  }
  createTextFinder(findText: string): GasTextFinder {
    this.rt.call('Range.createTextFinder', 'nav');
    return new FakeTextFinder(this.rt, findText, () => [this]);
  }
}

// ---------------------------------------------------------------------------------------------------------------

export class FakeSheet implements GasSheet {
  constructor(
    private readonly rt: GasRuntime,
    private readonly store: SpreadsheetStore,
    private readonly ss: SpreadsheetData,
    readonly data: SheetData,
  ) {}

  range(box: Box): FakeRange {
    return new FakeRange(this.rt, this.store, this.ss, this.data, box);
  }

  getName(): string {
    this.rt.call('Sheet.getName', 'nav');
    return this.data.name;
  }
  getSheetId(): number {
    this.rt.call('Sheet.getSheetId', 'nav');
    return this.data.id;
  }
  getParent(): GasSpreadsheet {
    this.rt.call('Sheet.getParent', 'nav');
    return this.store.handle(this.ss);
  }
  setName(name: string): GasSheet {
    this.rt.call('Sheet.setName', 'structure');
    if (this.ss.sheets.some((s) => s !== this.data && s.name === name))
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.data.name = name;
    return this;
  }
  getLastRow(): number {
    this.rt.call('Sheet.getLastRow', 'read');
    return this.data.lastRow();
  }
  getLastColumn(): number {
    this.rt.call('Sheet.getLastColumn', 'read');
    return this.data.lastColumn();
  }
  getMaxRows(): number {
    this.rt.call('Sheet.getMaxRows', 'read');
    return this.data.maxRows;
  }
  getMaxColumns(): number {
    this.rt.call('Sheet.getMaxColumns', 'read');
    return this.data.maxColumns;
  }
  getRange(row: number | string, column?: number, numRows?: number, numColumns?: number): GasRange {
    this.rt.call('Sheet.getRange', 'nav');
    if (typeof row === 'string') return this.range(parseA1(row, this.data.maxRows, this.data.maxColumns));
    return this.range({ row, col: column ?? 1, rows: numRows ?? 1, cols: numColumns ?? 1 });
  }
  getDataRange(): GasRange {
    this.rt.call('Sheet.getDataRange', 'read');
    return this.range({
      row: 1,
      col: 1,
      rows: Math.max(1, this.data.lastRow()),
      cols: Math.max(1, this.data.lastColumn()),
    });
  }
  appendRow(rowContents: unknown[]): GasSheet {
    this.rt.call('Sheet.appendRow', 'write', rowContents.length);
    if (!Array.isArray(rowContents)) throw new Error('appendRow needs an array.');
    const row = this.data.lastRow() + 1;
    assertMayWrite(this.rt, this.ss, this.data, {
      row,
      col: 1,
      rows: 1,
      cols: Math.max(1, rowContents.length),
    });
    const cells = rowContents.map((v) => cellFromWritten(v, this.store.parisMidnight));
    this.data.growTo(row, rowContents.length);
    cells.forEach((cell, j) => this.data.setCell(row, j + 1, cell));
    return this;
  }
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet {
    this.rt.call('Sheet.insertRowsAfter', 'structure');
    this.data.insertRows(afterPosition, howMany);
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet {
    this.rt.call('Sheet.insertColumnsAfter', 'structure');
    if (afterPosition !== this.data.maxColumns)
      throw new Error('The emulator only appends columns at the right edge of a sheet.');
    this.data.insertColumns(afterPosition, howMany);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.rt.call('Sheet.deleteRows', 'structure');
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.data.maxRows)
      throw new Error('Those rows are out of bounds.');
    if (howMany >= this.data.maxRows) throw new Error("You can't delete all the rows on the sheet.");
    this.data.deleteRows(rowPosition, howMany);
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.rt.call('Sheet.deleteColumns', 'structure');
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > this.data.maxColumns)
      throw new Error('Those columns are out of bounds.');
    if (howMany >= this.data.maxColumns) throw new Error("You can't delete all the columns on the sheet.");
    this.data.deleteColumns(columnPosition, howMany);
  }
  setColumnWidth(columnPosition: number, width: number): GasSheet {
    this.rt.call('Sheet.setColumnWidth', 'format');
    this.data.widths.set(columnPosition, width);
    return this;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    this.rt.call('Sheet.hideColumns', 'format');
    for (let i = 0; i < numColumns; i += 1) this.data.hiddenColumns.add(columnIndex + i);
  }
  hideSheet(): GasSheet {
    this.rt.call('Sheet.hideSheet', 'format');
    if (this.ss.sheets.filter((s) => !s.hidden && s !== this.data).length === 0)
      throw new Error("You can't hide all the sheets in a document.");
    this.data.hidden = true;
    return this;
  }
  isSheetHidden(): boolean {
    this.rt.call('Sheet.isSheetHidden', 'nav');
    return this.data.hidden;
  }
  setFrozenRows(rows: number): void {
    this.rt.call('Sheet.setFrozenRows', 'format');
    this.data.frozenRows = rows;
  }
  setFrozenColumns(columns: number): void {
    this.rt.call('Sheet.setFrozenColumns', 'format');
    this.data.frozenColumns = columns;
  }
  clear(): GasSheet {
    this.rt.call('Sheet.clear', 'write');
    assertMayWrite(this.rt, this.ss, this.data, {
      row: 1,
      col: 1,
      rows: Math.max(1, this.data.lastRow()),
      cols: Math.max(1, this.data.lastColumn()),
    });
    this.data.cells = [];
    this.data.formats.clear();
    this.data.merges = [];
    return this;
  }
  protect(): GasProtection {
    this.rt.call('Sheet.protect', 'structure');
    return newProtection(this.rt, this.store, this.ss, this.data, null);
  }
  getFormUrl(): string | null {
    this.rt.call('Sheet.getFormUrl', 'read');
    return this.data.formUrl;
  }
  newChart(): GasEmbeddedChartBuilder {
    this.rt.call('Sheet.newChart', 'nav');
    return new FakeChartBuilder(this.rt, this);
  }
  insertChart(chart: GasEmbeddedChart): void {
    this.rt.call('Sheet.insertChart', 'structure');
    const data = (chart as FakeChart).data;
    this.data.charts.push({ ...data, id: (this.ss.nextChartId += 1) });
  }
  getCharts(): GasEmbeddedChart[] {
    this.rt.call('Sheet.getCharts', 'read');
    return this.data.charts.map((c) => new FakeChart(this.rt, this, c));
  }
  removeChart(chart: GasEmbeddedChart): void {
    this.rt.call('Sheet.removeChart', 'structure');
    const id = (chart as FakeChart).data.id;
    this.data.charts = this.data.charts.filter((c) => c.id !== id);
  }
  setConditionalFormatRules(rules: GasConditionalFormatRule[]): void {
    this.rt.call('Sheet.setConditionalFormatRules', 'structure');
    this.data.conditionalRules = rules.map((r) => ({
      ...(r as { text: string; background: string; ranges: Box[] }),
    }));
  }
  createTextFinder(findText: string): GasTextFinder {
    this.rt.call('Sheet.createTextFinder', 'nav');
    return new FakeTextFinder(this.rt, findText, () => [
      this.range({ row: 1, col: 1, rows: this.data.maxRows, cols: this.data.maxColumns }),
    ]);
  }
}

// ---------------------------------------------------------------------------------------------------------------

export class FakeSpreadsheet implements GasSpreadsheet {
  constructor(
    private readonly rt: GasRuntime,
    private readonly store: SpreadsheetStore,
    readonly data: SpreadsheetData,
  ) {}
  getId(): string {
    this.rt.call('Spreadsheet.getId', 'nav');
    return this.data.id;
  }
  getUrl(): string {
    this.rt.call('Spreadsheet.getUrl', 'nav');
    return this.data.url;
  }
  getName(): string {
    this.rt.call('Spreadsheet.getName', 'nav');
    return this.data.name;
  }
  setSpreadsheetLocale(locale: string): void {
    this.rt.call('Spreadsheet.setSpreadsheetLocale', 'structure');
    this.data.locale = locale;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.rt.call('Spreadsheet.setSpreadsheetTimeZone', 'structure');
    this.data.timeZone = timezone;
  }
  toast(msg: string): void {
    this.rt.call('Spreadsheet.toast', 'nav');
    this.data.toasts.push(msg);
  }
  getSheetByName(name: string): GasSheet | null {
    this.rt.call('Spreadsheet.getSheetByName', 'nav');
    const sheet = this.data.sheet(name);
    return sheet && sheet.flushesUntilVisible === 0 ? this.store.sheetHandle(this.data, sheet) : null;
  }
  getSheets(): GasSheet[] {
    this.rt.call('Spreadsheet.getSheets', 'read');
    return this.data.sheets
      .filter((s) => s.flushesUntilVisible === 0)
      .map((s) => this.store.sheetHandle(this.data, s));
  }
  insertSheet(sheetName: string, sheetIndex: number): GasSheet {
    this.rt.call('Spreadsheet.insertSheet', 'structure');
    if (sheetIndex < 0 || sheetIndex > this.data.sheets.length)
      throw new Error(`Bad sheet index ${sheetIndex}.`);
    return this.store.sheetHandle(this.data, this.data.addSheet(sheetName, sheetIndex));
  }
  deleteSheet(sheet: GasSheet): void {
    this.rt.call('Spreadsheet.deleteSheet', 'structure');
    if (this.data.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    const data = (sheet as FakeSheet).data;
    this.data.sheets = this.data.sheets.filter((s) => s !== data);
    for (const p of this.data.protections) if (p.sheetId === data.id) p.removed = true;
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GasProtection[] {
    this.rt.call('Spreadsheet.getProtections', 'read');
    const wanted = String(type);
    return this.data.protections
      .filter((p) => !p.removed && p.type === wanted)
      .map((p) => new FakeProtection(this.rt, this.store, this.data, p));
  }
  addEditors(emailAddresses: string[]): GasSpreadsheet {
    this.rt.call('Spreadsheet.addEditors', 'structure');
    this.store.checkAccounts(emailAddresses);
    for (const e of emailAddresses) if (e !== this.data.owner) this.store.shareAsWriter(this.data, e);
    return this;
  }
}

class FakeMenu implements GasMenu {
  constructor(
    private readonly rt: GasRuntime,
    private readonly store: SpreadsheetStore,
    private readonly menu: { caption: string; items: Array<{ caption: string; functionName: string }> },
  ) {}
  addItem(caption: string, functionName: string): GasMenu {
    this.rt.call('Menu.addItem', 'nav');
    this.menu.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): GasMenu {
    this.rt.call('Menu.addSeparator', 'nav');
    return this;
  }
  addToUi(): void {
    this.rt.call('Menu.addToUi', 'nav');
    const i = this.store.menus.findIndex((m) => m.caption === this.menu.caption);
    if (i >= 0) this.store.menus.splice(i, 1);
    this.store.menus.push(this.menu);
  }
}

class FakeUi implements GasUi {
  constructor(
    private readonly rt: GasRuntime,
    private readonly store: SpreadsheetStore,
  ) {}
  createMenu(caption: string): GasMenu {
    this.rt.call('Ui.createMenu', 'nav');
    return new FakeMenu(this.rt, this.store, { caption, items: [] });
  }
  alert(prompt: string): unknown {
    this.rt.call('Ui.alert', 'nav');
    this.store.alerts.push(prompt);
    return 'OK';
  }
}

const PROTECTION_TYPE = { RANGE: 'RANGE', SHEET: 'SHEET' } as unknown as GasSpreadsheetApp['ProtectionType'];

export class FakeSpreadsheetApp implements GasSpreadsheetApp {
  readonly ProtectionType = PROTECTION_TYPE;
  constructor(
    private readonly rt: GasRuntime,
    readonly store: SpreadsheetStore,
  ) {}
  flush(): void {
    this.rt.call('SpreadsheetApp.flush', 'flush');
    this.store.flushAll();
  }
  getActiveSpreadsheet(): GasSpreadsheet | null {
    this.rt.call('SpreadsheetApp.getActiveSpreadsheet', 'open');
    return this.store.containerId ? this.store.handle(this.store.get(this.store.containerId)) : null;
  }
  openById(id: string): GasSpreadsheet {
    this.rt.call('SpreadsheetApp.openById', 'open');
    return this.store.handle(this.store.get(id));
  }
  create(name: string): GasSpreadsheet {
    this.rt.call('SpreadsheetApp.create', 'create-file');
    return this.store.handle(this.store.create(name));
  }
  getUi(): GasUi {
    this.rt.call('SpreadsheetApp.getUi', 'nav');
    if (!this.rt.execution?.ui) throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
    return new FakeUi(this.rt, this.store);
  }
  newDataValidation(): GasDataValidationBuilder {
    this.rt.call('SpreadsheetApp.newDataValidation', 'nav');
    return new FakeDataValidationBuilder(this.rt);
  }
  newConditionalFormatRule(): GasConditionalFormatRuleBuilder {
    this.rt.call('SpreadsheetApp.newConditionalFormatRule', 'nav');
    return new FakeConditionalFormatRuleBuilder(this.rt);
  }
}

export { contains };
