// The Content-Disposition header of a download: always an attachment (never shown inline), its file name reduced
// to characters every browser and file system take as they are — no quote, slash, backslash, control character or
// leading dot can reach the header — plus the exact name in RFC 6266 `filename*` form when it had to be reduced.
import type { FastifyReply } from 'fastify';

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function attachmentDisposition(name: string): string {
  if (SAFE.test(name)) return `attachment; filename="${name}"`;
  const ascii =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._-]+/, '') || 'fichier';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;
}

/** Sends a download: never cached (it sits behind a token), always saved as a file. */
export function sendDownload(
  reply: FastifyReply,
  type: string,
  name: string,
  body: Buffer | string,
): FastifyReply {
  return reply
    .type(type)
    .header('content-disposition', attachmentDisposition(name))
    .header('cache-control', 'no-store')
    .send(body);
}
