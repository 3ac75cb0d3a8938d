// Full addresses of the active access links, for the terminal (`serve`, `links`) and for reminder mails.
import { establishmentName, type EstablishmentRecord } from '../domain/model';
import type { AccessLink, AccessLinks } from './access-links';

export interface LinkLine {
  link: AccessLink;
  /** « GH COCHIN », « ARS / SESAN », an ANS address… */
  holder: string;
  url: string;
}

/** Every active link with its full address, establishments first (registry order), then ARS, then ANS. */
export function linkLines(
  links: AccessLinks,
  establishments: readonly EstablishmentRecord[],
  baseUrl: string,
): LinkLine[] {
  const active = links.active();
  const line = (link: AccessLink, holder: string): LinkLine => ({
    link,
    holder,
    url: `${baseUrl}${links.path(link)}`,
  });
  const out: LinkLine[] = [];
  for (const e of establishments) {
    const link = active.find((l) => l.role === 'es' && l.establishmentId === e.id);
    if (link) out.push(line(link, establishmentName(e)));
  }
  for (const role of ['ars', 'ans'] as const)
    for (const link of active.filter((l) => l.role === role)) out.push(line(link, link.label));
  return out;
}

/** The form address of one establishment, if it has an active link. */
export function formLink(links: AccessLinks, baseUrl: string, establishmentId: string): string | undefined {
  const link = links.active().find((l) => l.role === 'es' && l.establishmentId === establishmentId);
  return link ? `${baseUrl}${links.path(link)}` : undefined;
}
