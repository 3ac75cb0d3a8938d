// DriveApp fake, and the one model of Drive files and permissions behind both test surfaces: a registry of the files
// the other fakes create (spreadsheets, forms, documents, folders) and of those the REST fake uploads (a picture, any
// other file: kind 'file', with its MIME type and bytes), with folders, copies, moves and the trash. The REST façade
// (../google-api/fake-workspace.ts) serves files.create/copy/delete and permissions.create/list/delete from this same
// registry, so a folder made through REST is the one DriveApp.getFolderById opens, and a spreadsheet shared with
// Spreadsheet.addEditors is listed by permissions.list as a writer (one list of permissions, `permissions`). Each file
// is owned by the account the execution that created it ran as (a copy by whoever copied it). A name search
// (Folder.getFilesByName) sees a new file only after SEARCH_DELAY_MS of modelled time: Drive's search index lags
// (Google documents no figure; the emulator assumes a minute, stricter than usual; smoke:google measures it). Does not
// emulate: DriveApp's own sharing methods and access checks (anyone may open any file), other Drive search queries,
// revisions, blobs and exports, shared drives.
import type { GasDriveApp, GasFile, GasFileIterator, GasFolder } from '../../../src/apps-script/gas-api';
import type { GasRuntime } from './runtime';

export type FileKind = 'folder' | 'spreadsheet' | 'form' | 'document' | 'file';

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
  /** An uploaded file's MIME type and bytes (kind 'file'). */
  mimeType?: string;
  content?: Buffer;
}

/** An access granted on a file (Drive API « Permission »): the body as the granting call gave it. */
export interface DrivePermission {
  fileId: string;
  id: string;
  body: { type?: string; role?: string; emailAddress?: string; view?: string };
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
  file: 'https://drive.google.com/file/d/',
};

/** The files of the emulated account. Each service registers how its files are copied. */
export class DriveRegistry {
  readonly entries = new Map<string, DriveEntry>();
  private readonly counters: Record<FileKind, number> = {
    folder: 0,
    spreadsheet: 0,
    form: 0,
    document: 0,
    file: 0,
  };
  /** Accesses granted (the owner's is implicit), by the Drive API or by Spreadsheet.addEditors: the one list. */
  readonly permissions: DrivePermission[] = [];
  private nextPermission = 0;
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

  /** Grants an access on a live file (404 wording of Drive when it is missing or trashed is the caller's). */
  grant(fileId: string, body: DrivePermission['body']): DrivePermission {
    const entry = this.get(fileId);
    if (entry.trashed) throw new Error(NOT_FOUND);
    this.nextPermission += 1;
    const permission = { fileId, id: `perm-${this.nextPermission}`, body };
    this.permissions.push(permission);
    return permission;
  }

  /** A file deleted for good (Drive API files.delete): gone with its permissions. */
  remove(id: string): void {
    this.get(id);
    this.entries.delete(id);
    for (let i = this.permissions.length - 1; i >= 0; i -= 1)
      if (this.permissions[i]?.fileId === id) this.permissions.splice(i, 1);
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
