// Mail delivery: .eml files in the outbox (RFC 5322, UTF-8, encoded headers) and SMTP against a loopback fake.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mailerFor, OutboxMailer, SmtpMailer } from '../../../src/local/mail/mailer';
import type { OutgoingMail } from '../../../src/domain/reminder-plan';
import { projectCopy } from '../../support/project';
import { hasUnsafeCharacters } from '../../../src/domain/safe-text';
import { decodeQuotedPrintable } from '../../support/local/eml';

const mail: OutgoingMail = {
  kind: 'reminder',
  to: ['anne.martin@aphp.fr', 'dsi@aphp.fr'],
  replyTo: 'ars@ars.sante.fr',
  subject: '[Pilotes Mon espace santé] Suivi hebdomadaire 2022-W23 à compléter — HÔPITAL PRIVÉ',
  body: 'Bonjour,\n\nLa déclaration de la semaine 23 n’a pas été reçue : « à compléter ».\n— Suivi',
};

/** The smallest SMTP server nodemailer talks to (no TLS, no auth): keeps each message's DATA. */
function fakeSmtp(): Promise<{ port: number; messages: string[]; close: () => Promise<void> }> {
  const messages: string[] = [];
  const server = net.createServer((socket) => {
    let data: string | null = null;
    let buffer = '';
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (data !== null) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push(data + buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = null;
          socket.write('250 OK queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith('EHLO')) socket.write('250-test\r\n250 8BITMIME\r\n');
        else if (line.startsWith('DATA')) {
          data = '';
          socket.write('354 go\r\n');
        } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({ port, messages, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

describe('OutboxMailer', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-outbox-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes one RFC 5322 .eml per mail: encoded headers, UTF-8 body, date and message id', async () => {
    const mailer = new OutboxMailer(dir, undefined, () => new Date('2022-06-13T07:00:00Z'));
    const sent = await mailer.send(mail);
    expect(path.basename(sent.where)).toMatch(
      /^2022-06-13T07-00-00-000Z-reminder-anne-martin-aphp-fr-[0-9a-f]{6}\.eml$/,
    );
    expect(fs.readdirSync(dir)).toEqual([path.basename(sent.where)]);
    const eml = fs.readFileSync(sent.where, 'utf8');
    const [head, ...rest] = eml.split('\r\n\r\n');
    expect(head).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(head).toMatch(/^To: anne.martin@aphp.fr, dsi@aphp.fr$/m);
    expect(head).toMatch(/^Reply-To: ars@ars.sante.fr$/m);
    expect(head).toMatch(/^Subject: =\?UTF-8\?[QB]\?/m);
    expect(head).toMatch(/^Message-ID: <[^>]+>$/m);
    expect(head).toMatch(/^Date: /m);
    expect(head).toMatch(/^MIME-Version: 1.0$/m);
    expect(head).toMatch(/^X-Suivi-Mes-Kind: reminder$/m);
    expect(/^[\x20-\x7e\r\n\t]*$/.test(head ?? '')).toBe(true);
    expect(decodeQuotedPrintable(rest.join('\r\n\r\n'))).toContain(mail.body);
  });

  it('writes what no message may carry (stored before the rule) as « � », in the body and the subject', async () => {
    const mailer = new OutboxMailer(dir, undefined, () => new Date('2022-06-13T07:00:00Z'));
    const sent = await mailer.send({
      ...mail,
      subject: `${mail.subject} \uFFFF`,
      body: `${mail.body}\nRefusé : « 12\uFFFF\u0001\uD800 »`,
    });
    const eml = fs.readFileSync(sent.where, 'utf8');
    const body = decodeQuotedPrintable(eml.split('\r\n\r\n').slice(1).join('\r\n\r\n'));
    expect(body).toContain('Refusé : « 12��� »');
    expect(hasUnsafeCharacters(body)).toBe(false);
    expect(eml).not.toContain('\uFFFF');
  });
});

describe('SmtpMailer', () => {
  it('delivers the same message through SMTP when local.smtp is configured', async () => {
    const smtp = await fakeSmtp();
    try {
      const project = projectCopy();
      project.config.local = {
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'suivi@ars.sante.fr' },
      };
      const mailer = mailerFor(project.config, '/nonexistent');
      expect(mailer).toBeInstanceOf(SmtpMailer);
      expect(mailer.description).toBe(`SMTP 127.0.0.1:${smtp.port}`);
      await mailer.send(mail);
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]).toMatch(/^From: suivi@ars.sante.fr$/m);
      expect(smtp.messages[0]).toMatch(/^Subject: =\?UTF-8\?/m);
    } finally {
      await smtp.close();
    }
  });

  it('names the missing environment variable of the SMTP password', () => {
    expect(
      () =>
        new SmtpMailer(
          {
            host: 'smtp.example.fr',
            port: 587,
            secure: false,
            from: 'a@b.fr',
            user: 'u',
            passwordEnv: 'SMTP_PASS',
          },
          {},
        ),
    ).toThrow("local.smtp.passwordEnv : la variable d'environnement SMTP_PASS n'est pas définie.");
  });
});
