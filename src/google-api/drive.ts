// The Drive API adapter: who may open a file (responders of a form, editors of the workbook), copies of RETEX
// templates, uploads of our own templates (so the narrow drive.file scope suffices). Decides nothing.
import { drive, type drive_v3 } from '@googleapis/drive';
import { Readable } from 'node:stream';
import * as z from 'zod';
import { clientOptions, type GoogleContext } from './context';
import { callWithRetry } from './retry';
import { badReply } from './sheets';

const FileRef = z.object({ id: z.string().min(1), webViewLink: z.string().optional() });
const About = z.object({
  user: z.object({ emailAddress: z.string().optional(), displayName: z.string().optional() }).optional(),
});

export const GOOGLE_DOC_MIME = 'application/vnd.google-apps.document';

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
  ): Promise<void> {
    await this.call('drive.permissions.create', () =>
      this.api.permissions.create({
        fileId,
        sendNotificationEmail: permission.type === 'user' ? false : undefined,
        requestBody: permission,
      }),
    );
  }

  /** Editors may not re-share the workbook. */
  async forbidResharing(fileId: string): Promise<void> {
    await this.call('drive.files.update', () =>
      this.api.files.update({ fileId, requestBody: { writersCanShare: false } }),
    );
  }

  async copy(fileId: string, name: string): Promise<{ id: string; webViewLink?: string }> {
    const res = await this.call('drive.files.copy', () =>
      this.api.files.copy({
        fileId,
        fields: 'id,webViewLink',
        supportsAllDrives: true,
        requestBody: { name },
      }),
    );
    const parsed = FileRef.safeParse(res.data);
    if (!parsed.success) throw badReply('drive.files.copy', parsed.error);
    return parsed.data;
  }

  /** Uploads a .docx and converts it to a Google Doc the app created (reachable with drive.file). */
  async uploadAsGoogleDoc(name: string, docx: Buffer): Promise<{ id: string; webViewLink?: string }> {
    const res = await this.call('drive.files.create', () =>
      this.api.files.create({
        fields: 'id,webViewLink',
        requestBody: { name, mimeType: GOOGLE_DOC_MIME },
        media: {
          mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          body: Readable.from(docx),
        },
      }),
    );
    const parsed = FileRef.safeParse(res.data);
    if (!parsed.success) throw badReply('drive.files.create', parsed.error);
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
