// Sends the core's OutgoingMail (src/domain/reminder-plan.ts): as RFC 5322 .eml files in data/outbox/ by default,
// or through SMTP when `local.smtp` is configured. nodemailer builds the message in both cases (UTF-8 bodies,
// RFC 2047 encoded headers, Message-ID and Date), so an .eml file is exactly what SMTP would have carried.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { OutgoingMail } from '../../domain/reminder-plan';
import { safeText } from '../../domain/safe-text';
import type { Config } from '../../schema/config';

export interface SentMail {
  to: string[];
  /** Where it went: the .eml file written, or « SMTP host:port » with the server's message id. */
  where: string;
}

export interface Mailer {
  /** One French line: where mails go. */
  readonly description: string;
  send(mail: OutgoingMail): Promise<SentMail>;
}

/** Sender when SMTP is not configured: a local address, since the outbox is read by a person, not delivered. */
export const OUTBOX_FROM = 'Suivi des pilotes MES <suivi-mes@localhost>';

function messageOf(mail: OutgoingMail, from: string) {
  return {
    from,
    to: mail.to,
    replyTo: mail.replyTo,
    // The last guard: a character no file may carry (safe-text.ts) quoted from stored data shows as « � ».
    subject: safeText(mail.subject),
    text: safeText(mail.body),
    headers: { 'X-Suivi-Mes-Kind': mail.kind },
  };
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'destinataire';

export class OutboxMailer implements Mailer {
  private readonly transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  readonly description: string;

  constructor(
    private readonly dir: string,
    private readonly from = OUTBOX_FROM,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.description = `fichiers .eml dans ${dir}`;
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.transport.sendMail(messageOf(mail, this.from));
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const name = `${stamp}-${mail.kind}-${slug(mail.to[0] ?? '')}-${crypto.randomBytes(3).toString('hex')}.eml`;
    const file = path.join(this.dir, name);
    fs.mkdirSync(this.dir, { recursive: true });
    // Written beside, then renamed: a reader of the outbox never sees half a message.
    fs.writeFileSync(`${file}.part`, info.message as Buffer);
    fs.renameSync(`${file}.part`, file);
    return { to: mail.to, where: file };
  }
}

export class SmtpMailer implements Mailer {
  private readonly transport;
  readonly description: string;

  constructor(
    private readonly smtp: NonNullable<NonNullable<Config['local']>['smtp']>,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    const password = smtp.passwordEnv ? env[smtp.passwordEnv] : undefined;
    if (smtp.passwordEnv && password === undefined)
      throw new Error(
        `local.smtp.passwordEnv : la variable d'environnement ${smtp.passwordEnv} n'est pas définie.`,
      );
    this.transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: password ?? '' } : undefined,
    });
    this.description = `SMTP ${smtp.host}:${smtp.port}`;
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.transport.sendMail(messageOf(mail, this.smtp.from));
    return { to: mail.to, where: `${this.description} (${String(info.messageId)})` };
  }
}

/** SMTP when the config has `local.smtp`, the outbox folder otherwise (files named after `now`). */
export function mailerFor(config: Config, outboxDir: string, now: () => Date = () => new Date()): Mailer {
  const smtp = config.local?.smtp;
  return smtp ? new SmtpMailer(smtp) : new OutboxMailer(outboxDir, OUTBOX_FROM, now);
}
