// DriveApp fake: a registry of the files the other fakes create (spreadsheets, forms, documents, folders), with
// folders, copies, moves and the trash. Each file is owned by the account the execution that created it ran as
// (a copy by whoever copied it). A name search (Folder.getFilesByName) sees a new file only after SEARCH_DELAY_MS of
// modelled time: Drive's search index lags (Google documents no figure; the emulator assumes a minute, stricter than
// usual; smoke:google measures it). Does not emulate: sharing and permissions (anyone may open any file), other
// Drive search queries, revisions, blobs and exports, shared drives, MIME types other than the four kinds.
import type { GasDriveApp, GasFile, GasFileIterator, GasFolder } from '../../../src/apps-script/gas-api';
import type { GasRuntime } from './runtime';

export type FileKind = 'folder' | 'spreadsheet' | 'form' | 'document';

export interface DriveEntry {
  id: string;
  name: string;
  kind: FileKind;
  parentId: string | null;
  trashed: boolean;
  /** The account that created the file (Drive: the creator owns a new file, a copy belongs to whoever copied). */
  owner: string;
  /** Modelled time of creation (ms), for the search delay. */
  createdAt: number;
}

/** How long a new file stays out of name searches (modelled ms). */
export const SEARCH_DELAY_MS = 60_000;

const NOT_FOUND =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

const URL_PREFIX: Record<FileKind, string> = {
  folder: 'https://drive.google.com/drive/folders/',
  spreadsheet: 'https://docs.google.com/spreadsheets/d/',
  form: 'https://docs.google.com/forms/d/',
  document: 'https://docs.google.com/document/d/',
};

/** The files of the emulated account. Each service registers how its files are copied. */
export class DriveRegistry {
  readonly entries = new Map<string, DriveEntry>();
  private readonly counters: Record<FileKind, number> = { folder: 0, spreadsheet: 0, form: 0, document: 0 };
  readonly copiers = new Map<FileKind, (sourceId: string, copyId: string) => void>();

  /**
   * `currentUser`: the account the running execution acts as, who owns what it creates; `now`: modelled time, for
   * the search delay.
   */
  constructor(
    private readonly currentUser: () => string = () => '',
    private readonly now: () => number = () => 0,
  ) {}

  create(kind: FileKind, name: string): DriveEntry {
    this.counters[kind] += 1;
    const id = `${kind}-${this.counters[kind]}-${name.length.toString(36)}x${this.counters[kind].toString(36)}`;
    const entry: DriveEntry = {
      id,
      name,
      kind,
      parentId: null,
      trashed: false,
      owner: this.currentUser(),
      createdAt: this.now(),
    };
    this.entries.set(id, entry);
    return entry;
  }

  get(id: string): DriveEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(NOT_FOUND);
    return entry;
  }

  /** A copy of a file into a folder (File.makeCopy, Drive API files.copy): the file's service copies its content. */
  copy(sourceId: string, name: string, folderId: string): DriveEntry {
    const source = this.get(sourceId);
    const folder = this.get(folderId);
    if (source.trashed || folder.kind !== 'folder') throw new Error(NOT_FOUND);
    const copier = this.copiers.get(source.kind);
    if (!copier) throw new Error(`The emulator cannot copy a ${source.kind}`);
    const copy = this.create(source.kind, name);
    copy.parentId = folder.id;
    copier(source.id, copy.id);
    return copy;
  }

  url(entry: DriveEntry): string {
    return `${URL_PREFIX[entry.kind]}${entry.id}${entry.kind === 'folder' ? '' : '/edit'}`;
  }

  /** Whether a name search already sees a file. */
  searchable(entry: DriveEntry): boolean {
    return this.now() - entry.createdAt >= SEARCH_DELAY_MS;
  }

  /** Live (not trashed) files of a kind, for test assertions. */
  list(kind: FileKind): DriveEntry[] {
    return [...this.entries.values()].filter((e) => e.kind === kind && !e.trashed);
  }
}

class FakeFolder implements GasFolder {
  constructor(
    private readonly rt: GasRuntime,
    private readonly drive: DriveRegistry,
    readonly entry: DriveEntry,
  ) {}
  getId(): string {
    this.rt.call('Folder.getId', 'nav');
    return this.entry.id;
  }
  getName(): string {
    this.rt.call('Folder.getName', 'nav');
    return this.entry.name;
  }
  getUrl(): string {
    this.rt.call('Folder.getUrl', 'nav');
    return this.drive.url(this.entry);
  }
  getFilesByName(name: string): GasFileIterator {
    this.rt.call('Folder.getFilesByName', 'drive');
    const found = [...this.drive.entries.values()].filter(
      (e) =>
        e.parentId === this.entry.id &&
        e.name === name &&
        !e.trashed &&
        e.kind !== 'folder' &&
        this.drive.searchable(e),
    );
    return new FakeFileIterator(
      this.rt,
      found.map((e) => new FakeFile(this.rt, this.drive, e)),
    );
  }
}

class FakeFileIterator implements GasFileIterator {
  private i = 0;
  constructor(
    private readonly rt: GasRuntime,
    private readonly files: FakeFile[],
  ) {}
  hasNext(): boolean {
    this.rt.call('FileIterator.hasNext', 'nav');
    return this.i < this.files.length;
  }
  next(): GasFile {
    this.rt.call('FileIterator.next', 'nav');
    const f = this.files[this.i];
    if (!f) throw new Error('Cannot retrieve the next object: iterator has reached the end.');
    this.i += 1;
    return f;
  }
}

class FakeFile implements GasFile {
  constructor(
    private readonly rt: GasRuntime,
    private readonly drive: DriveRegistry,
    readonly entry: DriveEntry,
  ) {}
  getId(): string {
    this.rt.call('File.getId', 'nav');
    return this.entry.id;
  }
  getName(): string {
    this.rt.call('File.getName', 'nav');
    return this.entry.name;
  }
  getUrl(): string {
    this.rt.call('File.getUrl', 'nav');
    return this.drive.url(this.entry);
  }
  isTrashed(): boolean {
    this.rt.call('File.isTrashed', 'drive');
    return this.entry.trashed;
  }
  makeCopy(name: string, destination: GasFolder): GasFile {
    this.rt.call('File.makeCopy', 'drive-copy');
    const copy = this.drive.copy(this.entry.id, name, (destination as FakeFolder).entry.id);
    return new FakeFile(this.rt, this.drive, copy);
  }
  moveTo(destination: GasFolder): GasFile {
    this.rt.call('File.moveTo', 'drive');
    this.entry.parentId = (destination as FakeFolder).entry.id;
    return this;
  }
  setTrashed(trashed: boolean): GasFile {
    this.rt.call('File.setTrashed', 'drive');
    this.entry.trashed = trashed;
    return this;
  }
}

export class FakeDriveApp implements GasDriveApp {
  constructor(
    private readonly rt: GasRuntime,
    readonly drive: DriveRegistry,
  ) {}
  createFolder(name: string): GasFolder {
    this.rt.call('DriveApp.createFolder', 'drive');
    return new FakeFolder(this.rt, this.drive, this.drive.create('folder', name));
  }
  getFolderById(id: string): GasFolder {
    this.rt.call('DriveApp.getFolderById', 'drive');
    const entry = this.drive.get(id);
    if (entry.kind !== 'folder') throw new Error(NOT_FOUND);
    return new FakeFolder(this.rt, this.drive, entry);
  }
  getFileById(id: string): GasFile {
    this.rt.call('DriveApp.getFileById', 'drive');
    const entry = this.drive.get(id);
    if (entry.kind === 'folder') throw new Error(NOT_FOUND);
    return new FakeFile(this.rt, this.drive, entry);
  }
}
