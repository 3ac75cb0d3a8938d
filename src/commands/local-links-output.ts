// How the local commands print access links: grouped by audience, aligned, in French (or JSON with --json).
import type { LinkLine } from '../local/link-urls';

export function linksText(lines: readonly LinkLine[]): string {
  const width = Math.min(48, Math.max(...lines.map((l) => l.holder.length), 10));
  const group = (title: string, role: LinkLine['link']['role']) => {
    const own = lines.filter((l) => l.link.role === role);
    if (own.length === 0) return [];
    return [title, ...own.map((l) => `  ${l.holder.padEnd(width)}  ${l.url}`), ''];
  };
  return [
    ...group('Établissements (formulaire hebdomadaire, profil, historique) :', 'es'),
    ...group('ARS / SESAN (fichier de suivi, complétude, relances) :', 'ars'),
    ...group('ANS (synthèse nationale, remarques) :', 'ans'),
    'Ces liens sont personnels : transmettez à chacun le sien. « suivi-mes links » les réaffiche,',
    '« suivi-mes rotate-links » les remplace (les anciens cessent aussitôt de fonctionner).',
  ].join('\n');
}

export function linksJson(lines: readonly LinkLine[]): unknown[] {
  return lines.map((l) => ({
    role: l.link.role,
    establishmentId: l.link.establishmentId,
    holder: l.holder,
    url: l.url,
    createdAt: l.link.createdAt,
  }));
}
