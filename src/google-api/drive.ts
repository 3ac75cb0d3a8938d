// The Drive API adapter: who may open a file (responders of a form, editors of the workbook), copies of RETEX
// templates, uploads of our own templates (so the narrow drive.file scope suffices). Decides nothing.
import { drive, type drive_v3 } from '@googleapis/drive';
import { Readable } from 'node:stream';
import * as z from 'zod';
import { clientOptions, type GoogleContext } from './context';
import { callWithRetry } from './retry';
import { badReply } from './sheets';

const FileRef = z.object({
  id: z.string().min(1),
  webViewLink: z.string().optional(),
  webContentLink: z.string().optional(),
});
const PermissionRef = z.object({ id: z.string().min(1) });
const PermissionList = z.object({
  permissions: z
    .array(
      z.object({
        id: z.string().min(1),
        type: z.string().optional(),
        role: z.string().optional(),
        emailAddress: z.string().optional(),
      }),
    )
    .optional(),
  nextPageToken: z.string().optional(),
});
/** A file the app made: its id and links (webContentLink for a binary file). */
export type DriveFile = z.infer<typeof FileRef>;

/** One access to a file: `type` user, group, domain or anyone; `role` owner, writer, commenter, reader… */
export type Permission = NonNullable<z.infer<typeof PermissionList>['permissions']>[number];
const About = z.object({
  user: z.object({ emailAddress: z.string().optional(), displayName: z.string().optional() }).optional(),
});

export const GOOGLE_DOC_MIME = 'application/vnd.google-apps.document';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export class DriveAdapter {
  private readonly api: drive_v3.Drive;
  constructor(private readonly ctx: GoogleContext) {
    this.api = drive({ version: 'v3', ...clientOptions(ctx) });
  }

  private call<T>(what: string, call: () => Promise<T>): Promise<T> {
    return callWithRetry(
      what,
      async () => {
        await this.ctx.pacers.drive.take();
        return call();
      },
      this.ctx.retry,
      this.ctx.timing,
    );
  }

  /** Lets someone open a file without a sharing e-mail. `view: 'published'` makes a form's respondent. */
  async share(
    fileId: string,
    permission: {
      type: 'user' | 'anyone';
      role: 'reader' | 'writer';
      emailAddress?: string;
      view?: 'published';
    },
  ): Promise<string> {
    const res = await this.call('drive.permissions.create', () =>
      this.api.permissions.create({
        fileId,
        fields: 'id',
        sendNotificationEmail: permission.type === 'user' ? false : undefined,
        requestBody: permission,
      }),
    );
    const parsed = PermissionRef.safeParse(res.data);
    if (!parsed.success) throw badReply('drive.permissions.create', parsed.error);
    return parsed.data.id;
  }

  /** Who may open a file (every page). */
  async permissions(fileId: string): Promise<Permission[]> {
    const out: Permission[] = [];
    let pageToken: string | undefined;
    do {
      const token = pageToken;
      const res = await callWithRetry(
        'drive.permissions.list',
        () =>
          this.api.permissions.list({
            fileId,
            pageToken: token,
            fields: 'nextPageToken,permissions(id,type,role,emailAddress)',
          }),
        this.ctx.retry,
        this.ctx.timing,
      );
      const parsed = PermissionList.safeParse(res.data);
      if (!parsed.success) throw badReply('drive.permissions.list', parsed.error);
      out.push(...(parsed.data.permissions ?? []));
      pageToken = parsed.data.nextPageToken;
    } while (pageToken);
    return out;
  }

  /** Withdraws one access. */
  async unshare(fileId: string, permissionId: string): Promise<void> {
    await this.call('drive.permissions.delete', () => this.api.permissions.delete({ fileId, permissionId }));
  }

  /** Editors may not re-share the workbook. */
  async forbidResharing(fileId: string): Promise<void> {
    await this.call('drive.files.update', () =>
      this.api.files.update({ fileId, requestBody: { writersCanShare: false } }),
    );
  }

  /** A copy of a file the app may reach, in `parents` when given. */
  async copy(fileId: string, name: string, parents?: string[]): Promise<DriveFile> {
    const res = await this.call('drive.files.copy', () =>
      this.api.files.copy({
        fileId,
        fields: 'id,webViewLink',
        supportsAllDrives: true,
        requestBody: { name, ...(parents ? { parents } : {}) },
      }),
    );
    return this.fileRef('drive.files.copy', res.data);
  }

  /** A folder the app owns (drive.file reaches it and what it puts inside). */
  async createFolder(name: string): Promise<DriveFile> {
    const res = await this.call('drive.files.create', () =>
      this.api.files.create({ fields: 'id,webViewLink', requestBody: { name, mimeType: FOLDER_MIME } }),
    );
    return this.fileRef('drive.files.create', res.data);
  }

  /** Uploads a .docx and converts it to a Google Doc the app created (reachable with drive.file). */
  async uploadAsGoogleDoc(name: string, docx: Buffer, parents?: string[]): Promise<DriveFile> {
    const res = await this.call('drive.files.create', () =>
      this.api.files.create({
        fields: 'id,webViewLink',
        requestBody: { name, mimeType: GOOGLE_DOC_MIME, ...(parents ? { parents } : {}) },
        media: { mimeType: DOCX_MIME, body: Readable.from(docx) },
      }),
    );
    return this.fileRef('drive.files.create', res.data);
  }

  /** Uploads a file as it is (a picture). */
  async upload(name: string, mimeType: string, content: Buffer, parents?: string[]): Promise<DriveFile> {
    const res = await this.call('drive.files.create', () =>
      this.api.files.create({
        fields: 'id,webViewLink,webContentLink',
        requestBody: { name, mimeType, ...(parents ? { parents } : {}) },
        media: { mimeType, body: Readable.from(content) },
      }),
    );
    return this.fileRef('drive.files.create', res.data);
  }

  /** Deletes a file the app created (not to the bin: it was never finished). */
  async delete(fileId: string): Promise<void> {
    await this.call('drive.files.delete', () => this.api.files.delete({ fileId, supportsAllDrives: true }));
  }

  private fileRef(what: string, data: unknown): DriveFile {
    const parsed = FileRef.safeParse(data);
    if (!parsed.success) throw badReply(what, parsed.error);
    return parsed.data;
  }

  /** The account the credentials act for. */
  async whoAmI(): Promise<{ email?: string; name?: string }> {
    const res = await this.call('drive.about.get', () =>
      this.api.about.get({ fields: 'user(emailAddress,displayName)' }),
    );
    const parsed = About.safeParse(res.data);
    if (!parsed.success) throw badReply('drive.about.get', parsed.error);
    return { email: parsed.data.user?.emailAddress, name: parsed.data.user?.displayName };
  }
}
