/**
 * A simulated Excel object model, just large enough for src/excel: proxies that queue loads and
 * writes, a context whose sync() applies them, and counters for syncs and payload bytes.
 * Reading a property that was not loaded throws, as Office.js does, so code that forgets a sync
 * fails here too. Used by the host tests and by the sync benchmark; never shipped to users.
 */
import { address, columnName, parseRange, CellRange } from '../../core/address';
import { CellValue, WorkbookSnapshot } from '../../core/snapshot';
import { deleteRows as deleteSheetRows, dropSheetReferences } from './sim-structure';

export interface SimFill {
  color: string;
  pattern: string;
  patternColor: string;
  tintAndShade: number;
  patternTintAndShade: number;
}

export const NO_FILL: SimFill = { color: '#FFFFFF', pattern: 'None', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 };

export interface SimSheet {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  /** Dense grid from A1; '' for blank, as Office.js reports blanks. */
  values: (CellValue | '')[][];
  formulas: (string | null)[][];
  numberFormats: string[][];
  fills: Map<string, SimFill>;
  merges: string[];
  hiddenRows: Set<number>;
  fonts: Map<string, { bold?: boolean; size?: number; name?: string; color?: string }>;
  columnWidths: Map<number, number>;
  wrap: Set<string>;
  /** Sheet protection: formatting a cell (and writing a locked one) fails with AccessDenied unless allowed. */
  protection?: { protected: boolean; allowFormatCells?: boolean };
}

export interface SimStats {
  syncs: number;
  /** JSON bytes of the queued commands plus the loaded results, as a rough request+response size. */
  payloadBytes: number;
  /** Writes of values or formulas, by sheet name. */
  valueWrites: { sheet: string; address: string }[];
}

type Op = () => unknown;

class NotLoadedError extends Error {
  constructor(prop: string) {
    super(`PropertyNotLoaded: ${prop}`);
  }
}

const key = (r: number, c: number) => `${r},${c}`;

/**
 * Which Excel the simulation plays: the highest ExcelApi requirement set it has, and whether it is
 * Excel on the web (5 MB request and response payloads). From Microsoft's "Excel JavaScript API
 * requirement sets" table: Office 2016 has ExcelApi 1.1 only, Office 2019 stops at 1.8, Office 2021
 * at 1.14, Office 2024 at 1.17 (perpetual builds never get 1.18 or later); Microsoft 365 on Windows
 * and Excel on the web have every set (1.20 at the time of writing); Microsoft 365 for Mac has 1.18
 * from 16.93, 1.19 from 16.96 and 1.20 from 16.100, so a Mac not updated since late 2024 stops at 1.17.
 */
export interface HostProfile {
  name: string;
  excelApi: string;
  web: boolean;
}

export const HOST_PROFILES = {
  office2016: { name: 'Office 2016', excelApi: '1.1', web: false },
  office2019: { name: 'Office 2019', excelApi: '1.8', web: false },
  office2021: { name: 'Office 2021', excelApi: '1.14', web: false },
  office2024: { name: 'Office 2024', excelApi: '1.17', web: false },
  microsoft365: { name: 'Microsoft 365 (Windows)', excelApi: '1.20', web: false },
  web: { name: 'Excel on the web', excelApi: '1.20', web: true },
  mac: { name: 'Microsoft 365 for Mac 16.100', excelApi: '1.20', web: false },
  macBefore1_18: { name: 'Microsoft 365 for Mac 16.92', excelApi: '1.17', web: false },
} satisfies Record<string, HostProfile>;

/** Excel on the web refuses a request, or a response, over 5 MB (Microsoft's resource limits). */
export const WEB_PAYLOAD_LIMIT_BYTES = 5_000_000;
/** Every platform: one range read is limited to 5,000,000 cells (RangeExceedsLimit). */
export const RANGE_READ_CELL_LIMIT = 5_000_000;
/** Range.getMergedAreasOrNullObject fails when the range holds more than 512 merged areas. */
export const MERGED_AREAS_LIMIT = 512;
/**
 * Request bytes per queued operation besides its arguments: an Office.js action with the object
 * paths it needs. Microsoft's example of 10,000 ranges each given a one-cell value "would likely
 * exceed" the 5 MB request limit, which puts it near 500 bytes.
 */
export const REQUEST_BYTES_PER_OPERATION = 500;

/** The documented limit of an add-in's settings in a document (Office.Settings: 2 MB). */
export const SETTINGS_LIMIT_BYTES = 2 * 1024 * 1024;

/** Requirement-set versions compare by number: 1.9 < 1.10. */
export function versionAtLeast(have: string, want: string): boolean {
  const [a0, a1 = 0] = have.split('.').map(Number);
  const [b0, b1 = 0] = want.split('.').map(Number);
  return a0 !== b0 ? a0 > b0 : a1 >= b1;
}

/** Office.context.requirements.isSetSupported as `profile` answers it (ExcelApi sets only). */
export function isSetSupportedBy(profile: HostProfile): (name: string, version?: string) => boolean {
  return (name, version = '1.1') => {
    if (name === 'ExcelApi') return versionAtLeast(profile.excelApi, version);
    if (name === 'ExcelApiOnline') return profile.web && version === '1.1';
    return false;
  };
}

function excelError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** What Excel passes to worksheets.onChanged handlers (the parts the add-in reads). */
export interface SimChangeEvent {
  worksheetId: string;
  address: string;
  source: 'Local' | 'Remote';
  changeType: string;
  /** ExcelApi 1.14. */
  triggerSource?: 'Unknown' | 'ThisLocalAddin';
}

/** The whole simulated application: sheets, settings, selection, events. */
export class SimWorkbookState {
  sheets: SimSheet[] = [];
  /** Document properties (标题, 主题, 单位), as workbook.properties gives them; empty strings when unset. */
  properties: { title: string; subject: string; company: string } = { title: '', subject: '', company: '' };
  settings = new Map<string, unknown>();
  activeSheet: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  handlers: ((e: SimChangeEvent) => void)[] = [];
  /**
   * Whether change events carry triggerSource (ExcelApi 1.14): 'ThisLocalAddin' for the add-in's own
   * writes. Below 1.14 the property is absent, and an add-in must recognise its writes otherwise.
   */
  eventTriggerSource = true;
  /** Change events of the add-in's own writes, raised once their batch has synced (as Excel does). */
  pendingEvents: SimChangeEvent[] = [];
  stats: SimStats = { syncs: 0, payloadBytes: 0, valueWrites: [] };
  /** The Excel being played: a call beyond its API sets fails at sync with ApiNotFound. */
  profile: HostProfile = HOST_PROFILES.microsoft365;
  /** Excel on the web refuses a request over this many bytes (5 MB there) before running any of it. */
  requestLimitBytes = Infinity;
  /** Emulates Excel on the web refusing a response over this many bytes (5 MB there). */
  responseLimitBytes = Infinity;
  /**
   * A range read past 5,000,000 cells does not always fail: Range.values can come back null
   * instead (office-js#6781; Microsoft's performance article says so too). Set to play that Excel.
   */
  hugeReadsGiveNull = false;
  /** Cells one range read may hold (5,000,000 on every platform); lowered by tests to stay fast. */
  rangeReadCellLimit = RANGE_READ_CELL_LIMIT;
  /**
   * workbook.settings as a whole, serialized: past this, settings.add fails with InvalidArgument.
   * Microsoft documents 2 MB; add-ins report failures from about 1 MB (office-js#3957).
   */
  settingsLimitBytes = SETTINGS_LIMIT_BYTES;

  /** Plays `profile`: its API sets, its payload limits, and triggerSource on events (ExcelApi 1.14). */
  useProfile(profile: HostProfile): this {
    this.profile = profile;
    this.requestLimitBytes = profile.web ? WEB_PAYLOAD_LIMIT_BYTES : Infinity;
    this.responseLimitBytes = profile.web ? WEB_PAYLOAD_LIMIT_BYTES : Infinity;
    this.eventTriggerSource = versionAtLeast(profile.excelApi, '1.14');
    return this;
  }
  private nextId = 1;

  static fromSnapshot(snapshot: WorkbookSnapshot): SimWorkbookState {
    const s = new SimWorkbookState();
    s.properties = { title: snapshot.properties?.title ?? '', subject: snapshot.properties?.subject ?? '', company: snapshot.properties?.company ?? '' };
    for (const sheet of snapshot.sheets) {
      const sim = s.addSheet(sheet.name);
      sim.visibility = sheet.hidden ? 'Hidden' : 'Visible';
      const r0 = sheet.rowOffset ?? 0;
      const c0 = sheet.colOffset ?? 0;
      sheet.values.forEach((row, r) =>
        row.forEach((v, c) => {
          const f = sheet.formulas?.[r]?.[c] ?? null;
          const nf = sheet.numberFormats?.[r]?.[c] ?? 'General';
          s.setCell(sim, r + r0, c + c0, v === null ? '' : v, f, nf);
        }),
      );
      sim.merges = [...(sheet.merges ?? [])];
      for (const h of sheet.hiddenRows ?? []) sim.hiddenRows.add(h);
    }
    s.activeSheet = snapshot.sheets[0]?.name ?? null;
    return s;
  }

  addSheet(name: string): SimSheet {
    const sheet: SimSheet = {
      id: `{sheet-${this.nextId++}}`,
      name,
      visibility: 'Visible',
      values: [],
      formulas: [],
      numberFormats: [],
      fills: new Map(),
      merges: [],
      hiddenRows: new Set(),
      fonts: new Map(),
      columnWidths: new Map(),
      wrap: new Set(),
    };
    this.sheets.push(sheet);
    return sheet;
  }

  setCell(sheet: SimSheet, r: number, c: number, v: CellValue | '', f: string | null, nf: string): void {
    while (sheet.values.length <= r) {
      sheet.values.push([]);
      sheet.formulas.push([]);
      sheet.numberFormats.push([]);
    }
    sheet.values[r][c] = v;
    sheet.formulas[r][c] = f;
    sheet.numberFormats[r][c] = nf;
  }

  sheet(name: string): SimSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /**
   * Used range: the bounding box of cells holding a value or formula; unless valuesOnly, cells that
   * only carry formatting (a fill, a font, wrapping, a number format other than General) count too,
   * as in Excel's getUsedRange(valuesOnly).
   */
  usedRange(sheet: SimSheet, valuesOnly = true): CellRange | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const use = (r: number, c: number) => {
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    };
    sheet.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if ((v !== '' && v !== null && v !== undefined) || sheet.formulas[r]?.[c]) use(r, c);
      }),
    );
    if (!valuesOnly) {
      sheet.numberFormats.forEach((row, r) => row.forEach((nf, c) => nf && nf !== 'General' && use(r, c)));
      for (const k of [...sheet.fills.keys(), ...sheet.fonts.keys(), ...sheet.wrap]) {
        const [r, c] = k.split(',').map(Number);
        use(r, c);
      }
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }

  fillAt(sheet: SimSheet, r: number, c: number): SimFill {
    return sheet.fills.get(key(r, c)) ?? NO_FILL;
  }

  /** A deep, comparable copy of everything a user could see in the sheets. */
  dump(): object[] {
    return this.sheets.map((s) => ({
      name: s.name,
      values: s.values.map((r) => [...r]),
      formulas: s.formulas.map((r) => [...r]),
      numberFormats: s.numberFormats.map((r) => [...r]),
      fills: [...s.fills.entries()].filter(([, f]) => JSON.stringify(f) !== JSON.stringify(NO_FILL)).sort(),
      merges: [...s.merges],
    }));
  }

  /** A user's edit in this Excel ('Local'), or a co-author's arriving from elsewhere ('Remote'). */
  fireChange(sheetName: string, addr: string, source: 'Local' | 'Remote' = 'Local'): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) return;
    this.raise({ worksheetId: sheet.id, address: addr, source, changeType: 'RangeEdited', ...(this.eventTriggerSource ? { triggerSource: 'Unknown' } : {}) });
  }

  /** A co-author's edit: the cells change here and the event says 'Remote'. */
  remoteEdit(sheetName: string, r: number, c: number, value: CellValue): void {
    const sheet = this.sheet(sheetName)!;
    this.setCell(sheet, r, c, value ?? '', null, sheet.numberFormats[r]?.[c] ?? 'General');
    this.fireChange(sheetName, `${columnName(c)}${r + 1}`, 'Remote');
  }

  raise(e: SimChangeEvent): void {
    for (const h of [...this.handlers]) h(e);
  }

  context(): SimContext {
    return new SimContext(this);
  }
}

/** Stand-in for Excel.RequestContext. */
export class SimContext {
  readonly workbook: SimWorkbook;
  private queue: { op: Op; bytes: number }[] = [];

  constructor(readonly state: SimWorkbookState) {
    this.workbook = new SimWorkbook(this);
  }

  enqueue(op: Op, requestPayload: unknown = null): void {
    this.queue.push({ op, bytes: REQUEST_BYTES_PER_OPERATION + (requestPayload === null ? 0 : byteLength(JSON.stringify(requestPayload))) });
  }

  /** An API of ExcelApi `version`: beyond the profile's sets the batch fails at sync with ApiNotFound, as Excel's does. */
  requireApi(version: string, api: string): void {
    if (versionAtLeast(this.state.profile.excelApi, version)) return;
    const profile = this.state.profile;
    this.enqueue(() => {
      throw excelError('ApiNotFound', `${api} needs ExcelApi ${version}; ${profile.name} has ExcelApi ${profile.excelApi}.`);
    });
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.state.stats.syncs += 1;
    // Excel on the web refuses an oversized request whole: none of it runs.
    const request = ops.reduce((n, o) => n + o.bytes, 0);
    if (request > this.state.requestLimitBytes) {
      this.state.stats.payloadBytes += request;
      throw excelError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    }
    let response = 0;
    for (const { op, bytes } of ops) {
      this.state.stats.payloadBytes += bytes;
      const loaded = op();
      if (loaded !== undefined) {
        const n = byteLength(JSON.stringify(loaded));
        this.state.stats.payloadBytes += n;
        response += n;
      }
    }
    // The add-in's own writes raise their change events after the batch, asynchronously.
    const events = this.state.pendingEvents.splice(0);
    if (events.length) setTimeout(() => events.forEach((e) => this.state.raise(e)), 0);
    // Checked after the fact: only read-only batches are expected to pass the limit here.
    if (response > this.state.responseLimitBytes) {
      const e = new Error('The response payload size has exceeded the limit.') as Error & { code: string };
      e.code = 'ResponsePayloadSizeLimitExceeded';
      throw e;
    }
  }
}

function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  return n;
}

/** Base for proxies: loaded data and the isNullObject flag. */
class Proxy {
  protected data: Record<string, unknown> = {};
  protected loadedNull: boolean | undefined;
  constructor(readonly ctx: SimContext) {}
  protected get<T>(prop: string): T {
    if (!(prop in this.data)) throw new NotLoadedError(prop);
    return this.data[prop] as T;
  }
  get isNullObject(): boolean {
    if (this.loadedNull === undefined) throw new NotLoadedError('isNullObject');
    return this.loadedNull;
  }
}

function propsOf(p: string | string[] | { select?: string } | undefined): string[] {
  if (!p) return [];
  if (typeof p === 'string') return p.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(p)) return p;
  return propsOf(p.select);
}

/** workbook.properties (ExcelApi 1.7): title, subject, company after load and sync. */
class SimDocumentProperties extends Proxy {
  load(p?: string | string[]): this {
    const props = propsOf(p);
    this.ctx.requireApi('1.7', 'Workbook.properties');
    this.ctx.enqueue(() => {
      for (const x of props) this.data[x] = (this.ctx.state.properties as Record<string, string>)[x] ?? '';
      return props.map((x) => this.data[x]);
    });
    return this;
  }
  get title(): string {
    return this.get('title');
  }
  get subject(): string {
    return this.get('subject');
  }
  get company(): string {
    return this.get('company');
  }
}

class SimWorkbook {
  readonly worksheets: SimWorksheetCollection;
  readonly settings: SimSettingCollection;
  readonly properties: SimDocumentProperties;
  constructor(readonly ctx: SimContext) {
    this.worksheets = new SimWorksheetCollection(ctx);
    this.settings = new SimSettingCollection(ctx);
    this.properties = new SimDocumentProperties(ctx);
  }
  /** The selection as one range; Excel refuses a multi-area selection here, and so does the sim. */
  getSelectedRange(): SimRange {
    return new SimRange(this.ctx, () => {
      const state = this.ctx.state;
      const sel = state.selection ?? (state.activeSheet ? { sheet: state.activeSheet, address: 'A1' } : null);
      const sheet = sel ? state.sheet(sel.sheet) : undefined;
      if (!sel || !sheet) throw new Error('ItemNotFound: no selection');
      if (sel.address.includes(',')) {
        const e = new Error('InvalidSelection: The current selection is invalid for this operation.') as Error & { code: string };
        e.code = 'InvalidSelection';
        throw e;
      }
      const col = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(sel.address);
      const range = col
        ? { ...parseRange(`${col[1]}1:${col[2]}1`)!, top: 0, bottom: 1048575 }
        : parseRange(sel.address);
      if (!range) throw new Error(`InvalidArgument: ${sel.address}`);
      return { sheet, range };
    });
  }
}

class SimWorksheetCollection extends Proxy {
  private loadedItems: SimWorksheet[] | null = null;
  readonly onChanged = {
    add: (handler: (e: SimChangeEvent) => void) => {
      this.ctx.requireApi('1.9', 'WorksheetCollection.onChanged');
      const result = {
        context: this.ctx,
        remove: () => this.ctx.enqueue(() => {
          this.ctx.state.handlers = this.ctx.state.handlers.filter((h) => h !== handler);
        }),
      };
      this.ctx.enqueue(() => {
        this.ctx.state.handlers.push(handler);
      });
      return result;
    },
  };

  get items(): SimWorksheet[] {
    if (!this.loadedItems) throw new NotLoadedError('items');
    return this.loadedItems;
  }

  load(p?: string | string[]): this {
    const props = propsOf(p).map((x) => x.replace(/^items\//, ''));
    this.ctx.enqueue(() => {
      this.loadedItems = this.ctx.state.sheets.map((s) => {
        const ws = new SimWorksheet(this.ctx, () => s);
        ws.fill(props);
        return ws;
      });
      return this.ctx.state.sheets.map((s) => props.map((x) => (s as unknown as Record<string, unknown>)[x]));
    });
    return this;
  }

  /** By name or by id, as Excel's worksheets.getItem(key) takes either. */
  getItem(key: string): SimWorksheet {
    return new SimWorksheet(this.ctx, () => {
      const s = this.ctx.state.sheet(key) ?? this.ctx.state.sheets.find((x) => x.id === key);
      if (!s) throw new Error(`ItemNotFound: worksheet ${key}`);
      return s;
    });
  }

  getItemOrNullObject(key: string): SimWorksheet {
    this.ctx.requireApi('1.4', 'WorksheetCollection.getItemOrNullObject');
    return new SimWorksheet(this.ctx, () => this.ctx.state.sheet(key) ?? this.ctx.state.sheets.find((x) => x.id === key) ?? null);
  }

  add(name: string): SimWorksheet {
    this.ctx.enqueue(() => {
      if (this.ctx.state.sheet(name)) throw new Error(`ItemAlreadyExists: ${name}`);
      this.ctx.state.addSheet(name);
    });
    return this.getItem(name);
  }
}

class SimWorksheet extends Proxy {
  constructor(
    ctx: SimContext,
    readonly resolve: () => SimSheet | null,
  ) {
    super(ctx);
  }
  fill(props: string[]): void {
    const s = this.resolve();
    this.loadedNull = s === null;
    for (const p of props) this.data[p] = s ? (s as unknown as Record<string, unknown>)[p] : null;
  }
  get name(): string {
    return this.get('name');
  }
  get visibility(): string {
    return this.get('visibility');
  }
  set visibility(v: string) {
    this.ctx.enqueue(() => {
      this.must().visibility = v as SimSheet['visibility'];
    }, v);
  }
  /** Worksheet.protection (ExcelApi 1.2): protected, and options.allowFormatCells. */
  get protection(): SimWorksheetProtection {
    this.ctx.requireApi('1.2', 'Worksheet.protection');
    return new SimWorksheetProtection(this.ctx, () => this.must());
  }
  get id(): string {
    return this.get('id');
  }
  load(p?: string | string[]): this {
    const props = propsOf(p).filter((x) => x !== 'isNullObject');
    this.ctx.enqueue(() => {
      this.fill(props);
      return props.map((x) => this.data[x]);
    });
    return this;
  }
  private must(): SimSheet {
    const s = this.resolve();
    if (!s) throw new Error('ItemNotFound: worksheet');
    return s;
  }
  getUsedRangeOrNullObject(valuesOnly = false): SimRange {
    this.ctx.requireApi('1.4', 'Worksheet.getUsedRangeOrNullObject');
    return new SimRange(this.ctx, () => {
      const s = this.must();
      const used = this.ctx.state.usedRange(s, valuesOnly);
      return used ? { sheet: s, range: used } : null;
    });
  }
  getUsedRange(valuesOnly?: boolean): SimRange {
    if (valuesOnly !== undefined) this.ctx.requireApi('1.2', 'Worksheet.getUsedRange(valuesOnly)');
    return new SimRange(this.ctx, () => {
      const s = this.must();
      // Excel gives A1 for a blank sheet.
      return { sheet: s, range: this.ctx.state.usedRange(s, valuesOnly ?? false) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
    });
  }
  getRange(addr?: string): SimRange {
    return new SimRange(this.ctx, () => {
      const s = this.must();
      if (!addr) return { sheet: s, range: { top: 0, left: 0, bottom: 1048575, right: 16383 } };
      const col = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(addr);
      if (col) {
        const a = parseRange(`${col[1]}1:${col[2]}1`)!;
        return { sheet: s, range: { top: 0, left: a.left, bottom: 1048575, right: a.right } };
      }
      // Whole rows, "2:5".
      const rows = /^(\d+):(\d+)$/.exec(addr);
      if (rows) return { sheet: s, range: { top: Number(rows[1]) - 1, left: 0, bottom: Number(rows[2]) - 1, right: 16383 } };
      const range = parseRange(addr);
      if (!range) throw new Error(`InvalidArgument: ${addr}`);
      return { sheet: s, range };
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): SimRange {
    this.ctx.requireApi('1.7', 'Worksheet.getRangeByIndexes');
    return new SimRange(this.ctx, () => ({ sheet: this.must(), range: { top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 } }));
  }
  getRanges(addr: string): SimRangeAreas {
    this.ctx.requireApi('1.9', 'Worksheet.getRanges');
    return new SimRangeAreas(this.ctx, () => {
      const s = this.must();
      if (addr.length > 8192) throw new Error('InvalidArgument: address too long');
      return {
        sheet: s,
        areas: addr.split(',').map((a) => {
          const r = parseRange(a);
          if (!r) throw new Error(`InvalidArgument: ${a}`);
          return r;
        }),
      };
    }, addr);
  }
  activate(): void {
    this.ctx.enqueue(() => {
      this.ctx.state.activeSheet = this.must().name;
    });
  }
  delete(): void {
    this.ctx.enqueue(() => {
      const s = this.must();
      // Documented: deleting a very hidden sheet fails; it must be made hidden or visible first.
      if (s.visibility === 'VeryHidden') throw excelError('InvalidOperation', 'The worksheet is very hidden and cannot be deleted.');
      this.ctx.state.sheets = this.ctx.state.sheets.filter((x) => x !== s);
      dropSheetReferences(this.ctx.state, s.name);
    });
  }
}

class SimWorksheetProtection extends Proxy {
  constructor(
    ctx: SimContext,
    readonly sheet: () => SimSheet,
  ) {
    super(ctx);
  }
  load(p?: string | string[]): this {
    const props = propsOf(p);
    this.ctx.enqueue(() => {
      const prot = this.sheet().protection;
      if (props.includes('protected')) this.data.protected = !!prot?.protected;
      if (props.includes('options')) this.data.options = { allowFormatCells: !!prot?.allowFormatCells };
      return this.data;
    });
    return this;
  }
  get protected(): boolean {
    return this.get('protected');
  }
  get options(): { allowFormatCells: boolean } {
    return this.get('options');
  }
}

/** Formatting cells of a protected sheet fails, as Excel's does, unless its protection allows it. */
function assertCanFormat(sheet: SimSheet): void {
  if (sheet.protection?.protected && !sheet.protection.allowFormatCells) {
    throw excelError('AccessDenied', `The cells of ${sheet.name} cannot be formatted: the sheet is protected.`);
  }
}

/** Writing cells of a protected sheet fails (cells are locked by default). */
function assertCanWrite(sheet: SimSheet): void {
  if (sheet.protection?.protected) throw excelError('AccessDenied', `The cells of ${sheet.name} cannot be changed: the sheet is protected.`);
}

type Resolved = { sheet: SimSheet; range: CellRange } | null;

/**
 * A sheet name as Excel writes it in an address: bare when it is letters, digits, underscores and
 * dots not starting with a digit or dot and not readable as a reference (A1, R1C1, R, C); otherwise
 * quoted, with quotes doubled: '收支 情况'!A1, '2023'!A1, 'O''Brien'!A1.
 */
export function quoteSheetName(name: string): string {
  const bare = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]\d*$|^[Rr]\d*[Cc]\d*$/.test(name);
  return bare ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The cells part of an address: A1, A1:B2, or A:A for whole columns. */
function cellsAddress(r: CellRange): string {
  // Excel writes whole columns as "A:A".
  if (r.top === 0 && r.bottom === 1048575) return `${columnName(r.left)}:${columnName(r.right)}`;
  const a = address(r.top, r.left);
  const b = address(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

function rangeAddress(sheet: SimSheet, r: CellRange): string {
  return `${quoteSheetName(sheet.name)}!${cellsAddress(r)}`;
}

class SimFillProxy extends Proxy {
  constructor(
    ctx: SimContext,
    readonly cells: () => { sheet: SimSheet; cells: [number, number][] },
  ) {
    super(ctx);
  }
  load(p?: string | string[]): this {
    const props = propsOf(p);
    if (props.some((x) => x !== 'color')) this.ctx.requireApi('1.9', 'RangeFill.pattern, patternColor, tintAndShade, patternTintAndShade');
    this.ctx.enqueue(() => {
      const { sheet, cells } = this.cells();
      const [r, c] = cells[0];
      const f = this.ctx.state.fillAt(sheet, r, c);
      for (const x of props) this.data[x] = (f as unknown as Record<string, unknown>)[x];
      return props.map((x) => this.data[x]);
    });
    return this;
  }
  private set(prop: keyof SimFill, v: string | number): void {
    if (prop !== 'color') this.ctx.requireApi('1.9', `RangeFill.${prop}`);
    this.ctx.enqueue(() => {
      const { sheet, cells } = this.cells();
      assertCanFormat(sheet);
      for (const [r, c] of cells) {
        const f = { ...this.ctx.state.fillAt(sheet, r, c) };
        (f as unknown as Record<string, unknown>)[prop] = v;
        // Excel: giving a colour to an unfilled cell makes its pattern solid.
        if (prop === 'color' && f.pattern === 'None') f.pattern = 'Solid';
        sheet.fills.set(key(r, c), f);
      }
    }, [prop, v]);
  }
  get color(): string {
    return this.get('color');
  }
  set color(v: string) {
    this.set('color', v);
  }
  get pattern(): string {
    return this.get('pattern');
  }
  set pattern(v: string) {
    this.set('pattern', v);
  }
  get patternColor(): string {
    return this.get('patternColor');
  }
  set patternColor(v: string) {
    this.set('patternColor', v);
  }
  get tintAndShade(): number {
    return this.get('tintAndShade');
  }
  set tintAndShade(v: number) {
    this.set('tintAndShade', v);
  }
  get patternTintAndShade(): number {
    return this.get('patternTintAndShade');
  }
  set patternTintAndShade(v: number) {
    this.set('patternTintAndShade', v);
  }
  clear(): void {
    this.ctx.enqueue(() => {
      const { sheet, cells } = this.cells();
      assertCanFormat(sheet);
      for (const [r, c] of cells) sheet.fills.delete(key(r, c));
    });
  }
}

function cellsOf(areas: CellRange[]): [number, number][] {
  const out: [number, number][] = [];
  for (const a of areas) for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) out.push([r, c]);
  return out;
}

class SimFormat {
  readonly fill: SimFillProxy;
  readonly font: Record<string, unknown>;
  constructor(
    readonly ctx: SimContext,
    readonly target: () => { sheet: SimSheet; areas: CellRange[] },
  ) {
    this.fill = new SimFillProxy(ctx, () => {
      const t = target();
      return { sheet: t.sheet, cells: cellsOf(t.areas) };
    });
    const fontSetter = (prop: 'bold' | 'size' | 'name' | 'color') => (v: unknown) =>
      ctx.enqueue(() => {
        const t = target();
        for (const [r, c] of cellsOf(t.areas)) t.sheet.fonts.set(key(r, c), { ...t.sheet.fonts.get(key(r, c)), [prop]: v });
      });
    this.font = {};
    for (const prop of ['bold', 'size', 'name', 'color'] as const) {
      Object.defineProperty(this.font, prop, { set: fontSetter(prop), get: () => undefined, enumerable: true });
    }
  }
  set wrapText(v: boolean) {
    this.ctx.enqueue(() => {
      const t = this.target();
      for (const [r, c] of cellsOf(t.areas)) if (v) t.sheet.wrap.add(key(r, c));
    });
  }
  set columnWidth(w: number) {
    this.ctx.requireApi('1.2', 'RangeFormat.columnWidth');
    this.ctx.enqueue(() => {
      const t = this.target();
      for (const a of t.areas) for (let c = a.left; c <= a.right; c++) t.sheet.columnWidths.set(c, w);
    });
  }
  set verticalAlignment(_v: string) {
    /* layout only */
  }
  set horizontalAlignment(_v: string) {
    /* layout only */
  }
  set rowHeight(_v: number) {
    this.ctx.requireApi('1.2', 'RangeFormat.rowHeight');
    /* layout only */
  }
}

class SimRange extends Proxy {
  readonly format: SimFormat;
  constructor(
    ctx: SimContext,
    readonly resolve: () => Resolved,
  ) {
    super(ctx);
    this.format = new SimFormat(ctx, () => {
      const r = this.must();
      return { sheet: r.sheet, areas: [r.range] };
    });
  }
  private must(): { sheet: SimSheet; range: CellRange } {
    const r = this.resolve();
    if (!r) throw new Error('InvalidReference: null range');
    return r;
  }
  load(p?: string | string[]): this {
    const props = propsOf(p).filter((x) => x !== 'isNullObject');
    this.ctx.enqueue(() => {
      const res = this.resolve();
      this.loadedNull = res === null;
      if (!res) return null;
      const { sheet, range } = res;
      const cellCount = (range.bottom - range.top + 1) * (range.right - range.left + 1);
      const tooMany = cellCount > this.ctx.state.rangeReadCellLimit;
      if (tooMany && !this.ctx.state.hugeReadsGiveNull && props.some((x) => x === 'values' || x === 'formulas' || x === 'numberFormat')) {
        throw excelError('RangeExceedsLimit', `The cell count in the range has exceeded the maximum supported number (${cellCount} cells).`);
      }
      const grid = <T>(pick: (r: number, c: number) => T): T[][] | null => {
        if (tooMany) return null;
        const out: T[][] = [];
        for (let r = range.top; r <= range.bottom; r++) {
          const row: T[] = [];
          for (let c = range.left; c <= range.right; c++) row.push(pick(r, c));
          out.push(row);
        }
        return out;
      };
      const value = (r: number, c: number) => sheet.values[r]?.[c] ?? '';
      for (const x of props) {
        switch (x) {
          case 'address':
            this.data[x] = rangeAddress(sheet, range);
            break;
          case 'rowIndex':
            this.data[x] = range.top;
            break;
          case 'columnIndex':
            this.data[x] = range.left;
            break;
          case 'rowCount':
            this.data[x] = range.bottom - range.top + 1;
            break;
          case 'columnCount':
            this.data[x] = range.right - range.left + 1;
            break;
          case 'values':
            this.data[x] = grid(value);
            break;
          case 'formulas':
            // Office.js gives the constant itself for cells without a formula.
            this.data[x] = grid((r, c) => sheet.formulas[r]?.[c] ?? value(r, c));
            break;
          case 'numberFormat':
            this.data[x] = grid((r, c) => sheet.numberFormats[r]?.[c] ?? 'General');
            break;
          default:
            throw new Error(`sim: unsupported range property ${x}`);
        }
      }
      return props.map((x) => this.data[x]);
    });
    return this;
  }
  get address(): string {
    return this.get('address');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get values(): (CellValue | '')[][] {
    return this.get('values');
  }
  /** What any write by the add-in does besides setting cells: refused on a protected sheet, counted, and raised as its change event. */
  private recordWrite(sheet: SimSheet, range: CellRange): void {
    assertCanWrite(sheet);
    this.ctx.state.stats.valueWrites.push({ sheet: sheet.name, address: rangeAddress(sheet, range) });
    this.ctx.state.pendingEvents.push({
      worksheetId: sheet.id,
      address: rangeAddress(sheet, range),
      source: 'Local',
      changeType: 'RangeEdited',
      ...(this.ctx.state.eventTriggerSource ? { triggerSource: 'ThisLocalAddin' } : {}),
    });
  }
  set values(v: (CellValue | '')[][]) {
    // A string starting with "=" becomes a formula unless the cell is formatted as text.
    this.writeCells(v, (val, nf) => typeof val === 'string' && val.startsWith('=') && nf !== '@');
  }
  get formulas(): (string | number | boolean)[][] {
    return this.get('formulas');
  }
  /** Range.formulas: a string starting with "=" is a formula, anything else a constant. */
  set formulas(v: (string | number | boolean)[][]) {
    this.writeCells(v, (val) => typeof val === 'string' && val.startsWith('='));
  }
  /** One write of values or formulas, queued: each cell a formula or a constant as `isFormula` says. */
  private writeCells(v: (CellValue | '')[][], isFormula: (val: CellValue | '', numberFormat: string) => boolean): void {
    this.ctx.enqueue(() => {
      const { sheet, range } = this.must();
      this.recordWrite(sheet, range);
      v.forEach((row, i) =>
        row.forEach((val, j) => {
          const r = range.top + i;
          const c = range.left + j;
          const nf = sheet.numberFormats[r]?.[c] ?? 'General';
          // The sim does not calculate: a formula's value reads as blank.
          const formula = isFormula(val, nf);
          this.ctx.state.setCell(sheet, r, c, formula ? '' : val, formula ? (val as string) : null, nf);
        }),
      );
    }, v);
  }
  /**
   * Range.getCellProperties (ExcelApi 1.9), fill properties only: a ClientResult whose value is a
   * grid of { format: { fill } } once synced.
   */
  getCellProperties(options: { format?: { fill?: Record<string, boolean> } }): { value: { format: { fill: Partial<SimFill> } }[][] } {
    this.ctx.requireApi('1.9', 'Range.getCellProperties');
    const wanted = Object.entries(options.format?.fill ?? {})
      .filter(([, on]) => on)
      .map(([k]) => k as keyof SimFill);
    if (Object.keys(options).some((k) => k !== 'format') || Object.keys(options.format ?? {}).some((k) => k !== 'fill')) {
      throw new Error('sim: getCellProperties supports format.fill only');
    }
    const result: { loaded?: { format: { fill: Partial<SimFill> } }[][] } = {};
    this.ctx.enqueue(() => {
      const { sheet, range } = this.must();
      const grid: { format: { fill: Partial<SimFill> } }[][] = [];
      for (let r = range.top; r <= range.bottom; r++) {
        const row: { format: { fill: Partial<SimFill> } }[] = [];
        for (let c = range.left; c <= range.right; c++) {
          const f = this.ctx.state.fillAt(sheet, r, c);
          row.push({ format: { fill: Object.fromEntries(wanted.map((k) => [k, f[k]])) } });
        }
        grid.push(row);
      }
      result.loaded = grid;
      return grid;
    }, options);
    return {
      get value() {
        if (!result.loaded) throw new NotLoadedError('value');
        return result.loaded;
      },
    };
  }
  /** Range.delete(shift) for whole rows ("2:5", shift Up): the rows go, as the user's deleting them does. */
  delete(shift: string): void {
    this.ctx.enqueue(() => {
      const { sheet, range } = this.must();
      if (shift !== 'Up' || range.left !== 0 || range.right !== 16383) throw new Error('sim: Range.delete supports whole rows shifted up only');
      assertCanWrite(sheet);
      deleteSheetRows(this.ctx.state, sheet.name, range.top, range.bottom - range.top + 1, 'addin');
    }, shift);
  }
  get numberFormat(): string[][] {
    return this.get('numberFormat');
  }
  set numberFormat(v: string[][]) {
    this.ctx.enqueue(() => {
      const { sheet, range } = this.must();
      v.forEach((row, i) =>
        row.forEach((nf, j) => {
          const r = range.top + i;
          const c = range.left + j;
          this.ctx.state.setCell(sheet, r, c, sheet.values[r]?.[c] ?? '', sheet.formulas[r]?.[c] ?? null, nf);
        }),
      );
    }, v);
  }
  /**
   * The merged areas whose top-left cell lies in this range, each whole (Excel answers so: a merge
   * starting above or left of the range is not found, office-js#3611). More than 512 of them fail
   * the call, and the batch with it, as Microsoft documents; the error code is not documented.
   */
  getMergedAreasOrNullObject(): SimRangeAreas {
    this.ctx.requireApi('1.13', 'Range.getMergedAreasOrNullObject');
    return new SimRangeAreas(this.ctx, () => {
      const { sheet, range } = this.must();
      const inside = sheet.merges
        .map((m) => parseRange(m))
        .filter((m): m is CellRange => !!m && m.top >= range.top && m.top <= range.bottom && m.left >= range.left && m.left <= range.right);
      if (inside.length > MERGED_AREAS_LIMIT) {
        throw excelError('GeneralException', `There was an internal error while processing the request (Range.getMergedAreasOrNullObject: ${inside.length} merged areas, more than ${MERGED_AREAS_LIMIT}).`);
      }
      return inside.length ? { sheet, areas: inside } : null;
    });
  }
  get worksheet(): SimWorksheet {
    return new SimWorksheet(this.ctx, () => this.must().sheet);
  }
  getIntersectionOrNullObject(other: SimRange): SimRange {
    this.ctx.requireApi('1.4', 'Range.getIntersectionOrNullObject');
    return new SimRange(this.ctx, () => {
      const a = this.must();
      const b = other.resolve();
      if (!b || b.sheet !== a.sheet) return null;
      const r = {
        top: Math.max(a.range.top, b.range.top),
        left: Math.max(a.range.left, b.range.left),
        bottom: Math.min(a.range.bottom, b.range.bottom),
        right: Math.min(a.range.right, b.range.right),
      };
      return r.top > r.bottom || r.left > r.right ? null : { sheet: a.sheet, range: r };
    });
  }
  getColumn(i: number): SimRange {
    return new SimRange(this.ctx, () => {
      const { sheet, range } = this.must();
      return { sheet, range: { top: range.top, bottom: range.bottom, left: range.left + i, right: range.left + i } };
    });
  }
  getVisibleView(): SimRangeView {
    this.ctx.requireApi('1.3', 'Range.getVisibleView');
    return new SimRangeView(this.ctx, () => this.must());
  }
  select(): void {
    this.ctx.enqueue(() => {
      const { sheet, range } = this.must();
      this.ctx.state.selection = { sheet: sheet.name, address: cellsAddress(range) };
    });
  }
}

class SimRangeView extends Proxy {
  constructor(
    ctx: SimContext,
    readonly resolve: () => { sheet: SimSheet; range: CellRange },
  ) {
    super(ctx);
  }
  load(p?: string | string[]): this {
    const props = propsOf(p);
    this.ctx.enqueue(() => {
      const { sheet, range } = this.resolve();
      const rows: string[][] = [];
      for (let r = range.top; r <= range.bottom; r++) {
        if (sheet.hiddenRows.has(r)) continue;
        const row: string[] = [];
        for (let c = range.left; c <= range.right; c++) row.push(`${columnName(c)}${r + 1}`);
        rows.push(row);
      }
      if (props.includes('cellAddresses')) this.data.cellAddresses = rows;
      return rows;
    });
    return this;
  }
  get cellAddresses(): string[][] {
    return this.get('cellAddresses');
  }
}

class SimRangeAreas extends Proxy {
  readonly format: SimFormat;
  constructor(
    ctx: SimContext,
    readonly resolve: () => { sheet: SimSheet; areas: CellRange[] } | null,
    readonly addressText = '',
  ) {
    super(ctx);
    this.format = new SimFormat(ctx, () => {
      const r = this.resolve();
      if (!r) throw new Error('InvalidReference: null areas');
      return r;
    });
  }
  load(p?: string | string[]): this {
    const props = propsOf(p).filter((x) => x !== 'isNullObject');
    this.ctx.enqueue(() => {
      const r = this.resolve();
      this.loadedNull = r === null;
      if (!r) return null;
      if (props.includes('address')) this.data.address = r.areas.map((a) => rangeAddress(r.sheet, a)).join(',');
      if (props.includes('areaCount')) this.data.areaCount = r.areas.length;
      return this.data;
    });
    return this;
  }
  get address(): string {
    return this.get('address');
  }
  select(): void {
    this.ctx.requireApi('1.18', 'RangeAreas.select');
    this.ctx.enqueue(() => {
      const r = this.resolve();
      if (!r) throw new Error('InvalidReference');
      this.ctx.state.activeSheet = r.sheet.name;
      this.ctx.state.selection = { sheet: r.sheet.name, address: r.areas.map(cellsAddress).join(',') };
    }, this.addressText);
  }
}

class SimSetting extends Proxy {
  constructor(
    ctx: SimContext,
    readonly settingKey: string,
  ) {
    super(ctx);
  }
  load(p?: string | string[]): this {
    const props = propsOf(p).filter((x) => x !== 'isNullObject');
    this.ctx.enqueue(() => {
      const has = this.ctx.state.settings.has(this.settingKey);
      this.loadedNull = !has;
      if (props.includes('value')) this.data.value = has ? this.ctx.state.settings.get(this.settingKey) : null;
      return this.data;
    });
    return this;
  }
  get value(): unknown {
    return this.get('value');
  }
  delete(): void {
    this.ctx.enqueue(() => {
      this.ctx.state.settings.delete(this.settingKey);
    });
  }
}

class SimSettingCollection {
  constructor(readonly ctx: SimContext) {}
  getItemOrNullObject(k: string): SimSetting {
    this.ctx.requireApi('1.4', 'Workbook.settings');
    return new SimSetting(this.ctx, k);
  }
  add(k: string, value: unknown): SimSetting {
    this.ctx.requireApi('1.4', 'Workbook.settings');
    this.ctx.enqueue(() => {
      // Excel stores settings as JSON; a round trip catches values that would not survive.
      const next = new Map(this.ctx.state.settings).set(k, JSON.parse(JSON.stringify(value)));
      // Past the limit the add fails, and the batch with it at this operation (office-js#3957).
      if (byteLength(JSON.stringify(Object.fromEntries(next))) > this.ctx.state.settingsLimitBytes) {
        throw excelError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      }
      this.ctx.state.settings = next;
    }, value);
    return new SimSetting(this.ctx, k);
  }
}

/** Runs a batch the way Excel.run does, against the simulated workbook. */
export function simRunner(state: SimWorkbookState) {
  return async <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> =>
    batch(state.context() as unknown as Excel.RequestContext);
}
