// The page a route answers when it refuses a request or cannot find what it names: one shape for every role's routes
// (the title says which of the two it is, the link goes back to the page the user came from).
import type { FastifyReply } from 'fastify';
import { MessagePage } from '../pages/message-page';
import { chromeOf } from './chrome';
import { sendPage } from './render';
import type { ServerDeps } from './types';

export interface Refusal {
  status: number;
  message: string;
  back: { href: string; label: string };
  /** When the route's own word fits better than « Introuvable » / « Envoi refusé ». */
  title?: string;
}

export function sendRefusal(reply: FastifyReply, deps: ServerDeps, refusal: Refusal): FastifyReply {
  return sendPage(
    reply,
    <MessagePage
      chrome={chromeOf(deps)}
      kind="error"
      title={refusal.title ?? (refusal.status === 404 ? 'Introuvable' : 'Envoi refusé')}
      message={refusal.message}
      back={refusal.back}
    />,
    refusal.status,
  );
}
