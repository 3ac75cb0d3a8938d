// Reading back the .eml files the outbox mailer writes, for assertions.

/** Decodes a quoted-printable body (RFC 2045) to text. */
export function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r\n/g, '\n');
}

/** The headers and the decoded body of an .eml text. */
export function readEml(eml: string): { head: string; body: string } {
  const at = eml.indexOf('\r\n\r\n');
  return { head: eml.slice(0, at), body: decodeQuotedPrintable(eml.slice(at + 4)) };
}
