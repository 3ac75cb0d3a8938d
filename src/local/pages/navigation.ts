// The menu of each audience. One list per audience, so a new page (the RETEX action of the ARS, for instance) is
// one line here plus its routes in the audience's plugin.
import type { NavItem } from './layout';
import { frPages } from '../messages';

export type EsSection = 'form' | 'history' | 'profile' | 'accompaniment';

export function esNav(base: string, current: EsSection): NavItem[] {
  return [
    { href: base, label: 'Déclaration hebdomadaire', current: current === 'form' },
    { href: `${base}/historique`, label: 'Historique', current: current === 'history' },
    { href: `${base}/profil`, label: frPages.profileTitle, current: current === 'profile' },
    { href: `${base}/accompagnement`, label: 'Suivi ARS', current: current === 'accompaniment' },
  ];
}

/** Pages of the ARS / SESAN, in menu order; `path` is relative to the link (/ars/<token>). */
export const ARS_SECTIONS = [
  { id: 'grid', path: '', label: 'Fichier de suivi' },
  { id: 'completeness', path: '/completude', label: 'Complétude et relances' },
  { id: 'accompaniment', path: '/accompagnement', label: 'Accompagnement' },
  { id: 'exchange', path: '/echanges', label: 'Export et import' },
  { id: 'retex', path: '/retex', label: 'RETEX' },
  { id: 'journal', path: '/journal', label: 'Journal' },
] as const;
export type ArsSection = (typeof ARS_SECTIONS)[number]['id'] | 'row';

export function arsNav(base: string, current: ArsSection): NavItem[] {
  return ARS_SECTIONS.map((s) => ({ href: `${base}${s.path}`, label: s.label, current: s.id === current }));
}

export type AnsSection = 'summary' | 'remarks' | 'retex';

/** `columns`: the labels of the ANS's own columns (« Remarques » by default), which name its second page. */
export function ansNav(base: string, current: AnsSection, columns: readonly string[]): NavItem[] {
  return [
    { href: base, label: 'Synthèse', current: current === 'summary' },
    { href: `${base}/remarques`, label: columns.join(' et '), current: current === 'remarks' },
    { href: `${base}/retex`, label: 'RETEX national', current: current === 'retex' },
  ];
}
