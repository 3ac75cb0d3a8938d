// MailApp fake: an outbox, the daily recipient quota (100 consumer / 1,500 Workspace, counted per recipient) and
// the 50-recipients-per-message limit (quotas page). Does not emulate: HTML bodies, attachments, bounces, the
// body size limit, aliases, the "no reply" sender.
import type { GasMailApp, GasMailMessage } from '../../../src/apps-script/gas-api';
import type { GasRuntime } from './runtime';

export const MAX_RECIPIENTS_PER_MESSAGE = 50;

export interface SentMail {
  to: string[];
  subject: string;
  body: string;
  replyTo?: string;
  at: Date;
}

export class FakeMailApp implements GasMailApp {
  readonly outbox: SentMail[] = [];
  constructor(
    private readonly rt: GasRuntime,
    /** Recipients still allowed today. */
    public remaining: number,
  ) {}
  getRemainingDailyQuota(): number {
    this.rt.call('MailApp.getRemainingDailyQuota', 'read');
    return this.remaining;
  }
  sendEmail(message: GasMailMessage): void {
    this.rt.call('MailApp.sendEmail', 'mail');
    const to = String(message.to)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (to.length === 0) throw new Error('Failed to send email: no recipient');
    if (to.length > MAX_RECIPIENTS_PER_MESSAGE)
      throw new Error('Invalid argument: too many recipients (50 per message)');
    if (to.length > this.remaining) throw new Error('Service invoked too many times for one day: email.');
    this.remaining -= to.length;
    this.outbox.push({
      to,
      subject: message.subject,
      body: message.body,
      replyTo: message.replyTo,
      at: new Date(this.rt.now()),
    });
  }
}
