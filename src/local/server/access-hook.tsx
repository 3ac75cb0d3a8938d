// The access hook each audience plugin installs on its own routes (Fastify encapsulation: it guards nothing else).
// It resolves the token in the path: a valid link of the plugin's role lets the request through with `access`
// set; a replaced link gets a page saying so (410), anything else the same page as an unknown link (404), so a
// token of another role or another establishment reveals nothing. A link copied with the punctuation that followed
// it is redirected to the clean link; an address that presents too many unknown tokens gets 429 (link-guard.ts).
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { establishmentName } from '../../domain/model';
import { frRequest } from '../messages';
import { formatParisDateTime } from '../../domain/paris-time';
import type { Role } from '../../schema/tracking-file';
import { MessagePage } from '../pages/message-page';
import { chromeOf } from './chrome';
import { tokenInCopiedText } from './link-guard';
import { sendPage } from './render';

export function requireLink(role: Role): onRequestAsyncHookHandler {
  return async function (this: unknown, req: FastifyRequest, reply: FastifyReply) {
    const deps = req.server.suivi;
    const limiter = req.server.unknownTokens;
    const nowMs = deps.clock.now().getTime();
    if (limiter.blocked(req.ip, nowMs)) {
      const seconds = Math.ceil(limiter.retryAfterMs(req.ip, nowMs) / 1000);
      void reply.header('retry-after', String(seconds));
      return sendPage(
        reply,
        <MessagePage
          chrome={chromeOf(deps)}
          kind="error"
          title="Trop de liens inconnus"
          message={frRequest.tooManyUnknownLinks(Math.max(1, Math.ceil(seconds / 60)))}
        />,
        429,
      );
    }
    const token = (req.params as { token?: unknown }).token;
    const found = typeof token === 'string' ? deps.links.resolve(token) : ({ status: 'unknown' } as const);
    if (found.status === 'unknown' && typeof token === 'string') {
      const copied = tokenInCopiedText(token);
      const meant = copied === undefined ? undefined : deps.links.resolve(copied);
      if (meant && meant.status !== 'unknown' && meant.link.role === role) {
        // Only pages are opened from a mail; a form posted to such an address is not one of ours.
        if (req.method === 'GET' || req.method === 'HEAD')
          return reply.redirect(req.url.replace(/^\/[a-z]+\/[^/?#]*/, `/${role}/${copied}`), 302);
      } else if (!meant || meant.status === 'unknown') limiter.recordUnknown(req.ip, nowMs);
    }
    if (found.status === 'valid' && found.link.role === role) {
      const establishment =
        role === 'es' && found.link.establishmentId
          ? deps.store.getEstablishment(found.link.establishmentId)
          : undefined;
      if (role !== 'es' || establishment) {
        req.access = {
          link: found.link,
          base: `/${role}/${token as string}`,
          author: establishment ? `Formulaire ${establishmentName(establishment)}` : found.link.label,
          establishment,
        };
        return;
      }
    }
    const revoked = found.status === 'revoked' && found.link.role === role;
    return sendPage(
      reply,
      <MessagePage
        chrome={chromeOf(deps)}
        kind="error"
        title={revoked ? 'Lien remplacé' : 'Lien non reconnu'}
        message={
          revoked && found.link.revokedAt
            ? frRequest.revokedLink(formatParisDateTime(new Date(found.link.revokedAt)))
            : frRequest.unknownLink()
        }
      />,
      revoked ? 410 : 404,
    );
  };
}
