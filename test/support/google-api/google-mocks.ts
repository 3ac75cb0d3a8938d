// nock helpers, one per Google call the CLI makes, each named after the call it mocks and answering from a
// FakeWorkspace. `setupGoogleMocks` disables the network (only localhost stays reachable, for the OAuth loopback
// tests); `resetGoogleMocks` removes every interceptor. Request bodies are typed with the @googleapis schemas.
import type { forms_v1 } from '@googleapis/forms';
import type { sheets_v4 } from '@googleapis/sheets';
import nock from 'nock';
import { OAuth2Client } from 'google-auth-library';
import type { docs_v1 } from '@googleapis/docs';
import { FakeHttpError, FakeWorkspace } from './fake-workspace';
import { createGasEnvironment, type GasEnvironment } from '../gas/environment';
import { sync, type SyncResult } from '../../../src/google-api/sync';
import { batchUpdateDocument, getDocument } from '../gas/docs-advanced';
import { GOOGLE_DOC_MIME } from '../../../src/google-api/drive';
import { DocsAdapter } from '../../../src/google-api/docs';
import { googleContext, TRANSPORT, type GoogleContext } from '../../../src/google-api/context';
import type { Timing } from '../../../src/google-api/retry';
import { SheetsAdapter } from '../../../src/google-api/sheets';
import { FormsAdapter } from '../../../src/google-api/forms';
import { DriveAdapter } from '../../../src/google-api/drive';
import type { GoogleAdapters } from '../../../src/google-api/adapters';
import { install } from '../../../src/google-api/install';
import type { Project } from '../../../src/schema/project';
import { defaultProject, FixedClock } from '../project';

export const SHEETS_API = 'https://sheets.googleapis.com';
export const FORMS_API = 'https://forms.googleapis.com';
export const DRIVE_API = 'https://www.googleapis.com';
export const DOCS_API = 'https://docs.googleapis.com';
export const OAUTH_API = 'https://oauth2.googleapis.com';

type Reply = [number, unknown];

function answer(kind: string, fake: FakeWorkspace, fn: () => unknown): Reply {
  try {
    fake.enter(kind);
    return [200, fn()];
  } catch (error) {
    if (error instanceof FakeHttpError) return [error.status, error.body];
    throw error;
  }
}

export function setupGoogleMocks(): void {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
}

export function resetGoogleMocks(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}

export function mockSpreadsheetsCreate(fake: FakeWorkspace): void {
  nock(SHEETS_API)
    .persist()
    .post('/v4/spreadsheets')
    .query(true)
    .reply((_uri, body) =>
      answer('spreadsheets.create', fake, () => {
        const ss = fake.createSpreadsheet(body as sheets_v4.Schema$Spreadsheet);
        return {
          spreadsheetId: ss.id,
          spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${ss.id}/edit`,
        };
      }),
    );
}

export function mockSpreadsheetsGet(fake: FakeWorkspace): void {
  nock(SHEETS_API)
    .persist()
    .get(/^\/v4\/spreadsheets\/[^/:?]+(\?.*)?$/)
    .reply((uri) =>
      answer('spreadsheets.get', fake, () => fake.describe(idIn(uri, /spreadsheets\/([^/:?]+)/))),
    );
}

export function mockSpreadsheetsBatchUpdate(fake: FakeWorkspace): void {
  nock(SHEETS_API)
    .persist()
    .post(/^\/v4\/spreadsheets\/[^/:]+(:|%3A)batchUpdate/)
    .reply((uri, body) =>
      answer('spreadsheets.batchUpdate', fake, () =>
        fake.batchUpdate(
          idIn(uri, /spreadsheets\/([^/:%]+)/),
          body as sheets_v4.Schema$BatchUpdateSpreadsheetRequest,
        ),
      ),
    );
}

export function mockValuesBatchGet(fake: FakeWorkspace): void {
  nock(SHEETS_API)
    .persist()
    .get(/^\/v4\/spreadsheets\/[^/]+\/values(:|%3A)batchGet/)
    .reply((uri) =>
      answer('values.batchGet', fake, () => {
        const url = new URL(uri, SHEETS_API);
        return fake.valuesBatchGet(
          idIn(uri, /spreadsheets\/([^/]+)\/values/),
          url.searchParams.getAll('ranges'),
        );
      }),
    );
}

export function mockValuesBatchUpdate(fake: FakeWorkspace): void {
  nock(SHEETS_API)
    .persist()
    .post(/^\/v4\/spreadsheets\/[^/]+\/values(:|%3A)batchUpdate/)
    .reply((uri, body) =>
      answer('values.batchUpdate', fake, () => {
        fake.valuesBatchUpdate(
          idIn(uri, /spreadsheets\/([^/]+)\/values/),
          body as sheets_v4.Schema$BatchUpdateValuesRequest,
        );
        return {};
      }),
    );
}

export function mockFormsCreate(fake: FakeWorkspace): void {
  nock(FORMS_API)
    .persist()
    .post('/v1/forms')
    .query(true)
    .reply((_uri, body) => answer('forms.create', fake, () => fake.createForm(body as forms_v1.Schema$Form)));
}

export function mockFormsBatchUpdate(fake: FakeWorkspace): void {
  nock(FORMS_API)
    .persist()
    .post(/^\/v1\/forms\/[^/:]+(:|%3A)batchUpdate/)
    .reply((uri, body) =>
      answer('forms.batchUpdate', fake, () =>
        fake.formsBatchUpdate(idIn(uri, /forms\/([^/:%]+)/), body as forms_v1.Schema$BatchUpdateFormRequest),
      ),
    );
}

export function mockFormsGet(fake: FakeWorkspace): void {
  nock(FORMS_API)
    .persist()
    .get(/^\/v1\/forms\/[^/:?]+(\?.*)?$/)
    .reply((uri) =>
      // Reading a form's publish state is counted apart from reading its items.
      answer(
        new URL(uri, FORMS_API).searchParams.get('fields') === 'publishSettings'
          ? 'forms.get(publishSettings)'
          : 'forms.get',
        fake,
        () => fake.getForm(idIn(uri, /forms\/([^/:?]+)/)),
      ),
    );
}

export function mockFormsSetPublishSettings(fake: FakeWorkspace): void {
  nock(FORMS_API)
    .persist()
    .post(/^\/v1\/forms\/[^/:]+(:|%3A)setPublishSettings/)
    .reply((uri, body) =>
      answer('forms.setPublishSettings', fake, () =>
        fake.setPublishSettings(
          idIn(uri, /forms\/([^/:%]+)/),
          body as forms_v1.Schema$SetPublishSettingsRequest,
        ),
      ),
    );
}

export function mockFormsResponsesList(fake: FakeWorkspace): void {
  nock(FORMS_API)
    .persist()
    .get(/^\/v1\/forms\/[^/]+\/responses/)
    .reply((uri) =>
      answer('forms.responses.list', fake, () => {
        const url = new URL(uri, FORMS_API);
        const pageSize = url.searchParams.get('pageSize');
        return fake.listResponses(
          idIn(uri, /forms\/([^/]+)\/responses/),
          url.searchParams.get('filter') ?? undefined,
          url.searchParams.get('pageToken') ?? undefined,
          pageSize === null ? undefined : Number(pageSize),
        );
      }),
    );
}

export function mockDrivePermissionsCreate(fake: FakeWorkspace): void {
  nock(DRIVE_API)
    .persist()
    .post(/^\/drive\/v3\/files\/[^/]+\/permissions/)
    .reply((uri, body) =>
      answer('drive.permissions.create', fake, () =>
        fake.grant(
          idIn(uri, /files\/([^/]+)\/permissions/),
          body,
          new URL(uri, DRIVE_API).searchParams.get('sendNotificationEmail') !== 'false',
        ),
      ),
    );
}

export function mockDrivePermissionsList(fake: FakeWorkspace): void {
  nock(DRIVE_API)
    .persist()
    .get(/^\/drive\/v3\/files\/[^/]+\/permissions(\?.*)?$/)
    .reply((uri) =>
      answer('drive.permissions.list', fake, () =>
        fake.listPermissions(idIn(uri, /files\/([^/]+)\/permissions/)),
      ),
    );
}

export function mockDrivePermissionsDelete(fake: FakeWorkspace): void {
  nock(DRIVE_API)
    .persist()
    .delete(/^\/drive\/v3\/files\/[^/]+\/permissions\/[^/?]+/)
    .reply((uri) =>
      answer('drive.permissions.delete', fake, () => {
        fake.revoke(idIn(uri, /files\/([^/]+)\/permissions/), idIn(uri, /permissions\/([^/?]+)/));
        return '';
      }),
    );
}

export function mockDriveFilesUpdate(fake: FakeWorkspace): void {
  nock(DRIVE_API)
    .persist()
    .patch(/^\/drive\/v3\/files\/[^/?]+/)
    .reply((uri, body) =>
      answer('drive.files.update', fake, () => {
        fake.fileUpdates.push({ fileId: idIn(uri, /files\/([^/?]+)/), body });
        return { id: idIn(uri, /files\/([^/?]+)/) };
      }),
    );
}

/** Every call install, sync and retex make, answered by one fake. */
export function mockWorkspace(fake: FakeWorkspace): void {
  mockSpreadsheetsCreate(fake);
  mockSpreadsheetsGet(fake);
  mockSpreadsheetsBatchUpdate(fake);
  mockValuesBatchGet(fake);
  mockValuesBatchUpdate(fake);
  mockFormsCreate(fake);
  mockFormsBatchUpdate(fake);
  mockFormsGet(fake);
  mockFormsSetPublishSettings(fake);
  mockFormsResponsesList(fake);
  mockDrivePermissionsCreate(fake);
  mockDrivePermissionsList(fake);
  mockDrivePermissionsDelete(fake);
  mockDriveFilesUpdate(fake);
  mockDriveFilesCreate(fake);
  mockDriveFilesCopy(fake);
  mockDriveFilesDelete(fake);
  mockDocumentsGet(fake);
  mockDocumentsBatchUpdate(fake);
}

function idIn(uri: string, pattern: RegExp): string {
  const m = pattern.exec(uri);
  return decodeURIComponent(m?.[1] ?? '');
}

/** Waits recorded, never slept: retries and pacing run instantly and tests can read what would have been waited. */
export class RecordedTiming implements Timing {
  waits: number[] = [];
  private clock = 0;
  async sleep(ms: number): Promise<void> {
    this.waits.push(ms);
    this.clock += ms;
  }
  random(): number {
    return 0.5;
  }
  now(): number {
    return this.clock;
  }
}

/** An OAuth client holding a valid access token: no token call is made. */
export function authorisedClient(): OAuth2Client {
  const client = new OAuth2Client({
    clientId: 'test-client',
    clientSecret: 'test-secret',
    transporterOptions: TRANSPORT,
  });
  client.setCredentials({ access_token: 'test-access-token', expiry_date: Date.now() + 3_600_000 });
  return client;
}

export function testAdapters(timing = new RecordedTiming()): {
  google: GoogleContext;
  adapters: GoogleAdapters & { docs: DocsAdapter };
  timing: RecordedTiming;
} {
  const google = googleContext(authorisedClient(), { timing });
  return {
    google,
    timing,
    adapters: {
      sheets: new SheetsAdapter(google),
      forms: new FormsAdapter(google),
      drive: new DriveAdapter(google),
      docs: new DocsAdapter(google),
    },
  };
}

/** A multipart/related upload as Drive receives it: the metadata part and the media part's bytes. */
function multipart(
  body: unknown,
  contentType: string,
): { metadata: Record<string, unknown>; media?: Buffer } {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  // nock hands over a binary body as hex.
  const bytes =
    /^[0-9a-f]+$/i.test(raw) && raw.length % 2 === 0 ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'utf8');
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  if (!boundary) return { metadata: JSON.parse(raw) as Record<string, unknown> };
  const parts: Buffer[] = [];
  const marker = Buffer.from(`--${boundary}`);
  let at = bytes.indexOf(marker);
  while (at >= 0) {
    const next = bytes.indexOf(marker, at + marker.length);
    if (next < 0) break;
    const part = bytes.subarray(at + marker.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    // The part's body, less the CRLF that precedes the next boundary.
    parts.push(part.subarray(headerEnd + 4, part.length - 2));
    at = next;
  }
  return {
    metadata: JSON.parse((parts[0] ?? Buffer.from('{}')).toString('utf8')) as Record<string, unknown>,
    media: parts[1],
  };
}

/** files.create: a folder (metadata only), a .docx converted to a Google Doc, or an uploaded picture. */
export function mockDriveFilesCreate(fake: FakeWorkspace): void {
  const create = (body: unknown, contentType: string) =>
    answer('drive.files.create', fake, () => {
      const { metadata, media } = multipart(body, contentType);
      const name = String(metadata.name ?? '');
      const mimeType = String(metadata.mimeType ?? '');
      const parents = (metadata.parents as string[] | undefined) ?? [];
      for (const parent of parents) fake.file(parent);
      if (mimeType === GOOGLE_DOC_MIME) {
        if (!media)
          throw new FakeHttpError(400, { error: { code: 400, message: 'Fake: a Google Doc needs content' } });
        const file = fake.importDocument(name, parents, media);
        return { id: file.id, webViewLink: `https://docs.google.com/document/d/${file.id}/edit` };
      }
      const file = fake.newFile(name, mimeType, parents, media);
      return {
        id: file.id,
        webViewLink: `https://drive.google.com/file/d/${file.id}/view`,
        ...(media ? { webContentLink: FakeWorkspace.contentLink(file.id) } : {}),
      };
    });
  nock(DRIVE_API)
    .persist()
    .post(/^\/upload\/drive\/v3\/files(\?.*)?$/)
    .reply(function (_uri, body) {
      return create(body, String(this.req.headers['content-type'] ?? ''));
    });
  nock(DRIVE_API)
    .persist()
    .post(/^\/drive\/v3\/files(\?.*)?$/)
    .reply((_uri, body) => create(body, ''));
}

export function mockDriveFilesCopy(fake: FakeWorkspace): void {
  nock(DRIVE_API)
    .persist()
    .post(/^\/drive\/v3\/files\/[^/]+\/copy/)
    .reply((uri, body) =>
      answer('drive.files.copy', fake, () => {
        const request = body as { name?: string; parents?: string[] };
        const file = fake.copyDocument(
          idIn(uri, /files\/([^/]+)\/copy/),
          request.name ?? '',
          request.parents ?? [],
        );
        return {
          id: file.id,
          name: file.name,
          webViewLink: `https://docs.google.com/document/d/${file.id}/edit`,
        };
      }),
    );
}

export function mockDriveFilesDelete(fake: FakeWorkspace): void {
  nock(DRIVE_API)
    .persist()
    .delete(/^\/drive\/v3\/files\/[^/?]+(\?.*)?$/)
    .reply((uri) =>
      answer('drive.files.delete', fake, () => {
        fake.deleteFile(idIn(uri, /files\/([^/?]+)/));
        return '';
      }),
    );
}

export function mockDocumentsGet(fake: FakeWorkspace): void {
  nock(DOCS_API)
    .persist()
    .get(/^\/v1\/documents\/[^/:?]+/)
    .reply((uri) =>
      answer('documents.get', fake, () =>
        getDocument(fake.google.documents, idIn(uri, /documents\/([^/:?]+)/)),
      ),
    );
}

export function mockDocumentsBatchUpdate(fake: FakeWorkspace): void {
  nock(DOCS_API)
    .persist()
    .post(/^\/v1\/documents\/[^/:]+(:|%3A)batchUpdate/)
    .reply((uri, body) =>
      answer('documents.batchUpdate', fake, () =>
        batchUpdateDocument(
          fake.google.documents,
          idIn(uri, /documents\/([^/:%]+)/),
          (body as docs_v1.Schema$BatchUpdateDocumentRequest).requests ?? [],
        ),
      ),
    );
}

/** The pilot's launch Monday, when the tests run `google install` unless they say otherwise. */
export const INSTALLED_AT = new Date('2022-05-16T09:00:00+02:00');

/**
 * A fake Workspace on nock (network disabled) holding a master spreadsheet that `google install` drew: the
 * starting point of every test that syncs, edits or locks a workbook.
 */
export async function installedWorkspace(
  options: { project?: Project; now?: Date; adminEmail?: string; fake?: FakeWorkspace } = {},
): Promise<{ fake: FakeWorkspace; spreadsheetId: string }> {
  setupGoogleMocks();
  const fake = options.fake ?? new FakeWorkspace();
  mockWorkspace(fake);
  const { adapters, google } = testAdapters();
  const { spreadsheetId } = await install(adapters, google, {
    project: options.project ?? defaultProject(),
    now: options.now ?? INSTALLED_AT,
    ...(options.adminEmail !== undefined ? { adminEmail: options.adminEmail } : {}),
  });
  return { fake, spreadsheetId };
}

/**
 * One emulated Google account behind both façades: the Apps Script emulator's model, with the REST façade the CLI
 * calls over it (nock routes set; the caller has run setupGoogleMocks). Files belong to `owner`.
 */
export function oneGoogle(options: { owner: string; now: string }): {
  env: GasEnvironment;
  fake: FakeWorkspace;
} {
  const env = createGasEnvironment({ now: options.now, owner: options.owner });
  const fake = new FakeWorkspace(env);
  fake.owner = options.owner;
  mockWorkspace(fake);
  return { env, fake };
}

/** `suivi-mes google sync` on a workbook of the fake, at `now` (the default project unless given). */
export function syncAt(
  spreadsheetId: string,
  now: string,
  project: Project = defaultProject(),
): Promise<SyncResult> {
  const { adapters, google } = testAdapters();
  return sync(adapters, google, { project, spreadsheetId, clock: new FixedClock(new Date(now)) });
}
