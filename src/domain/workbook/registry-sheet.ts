// Établissements: the registry and each establishment's links. Pure: also runs inside Apps Script.
import type { TrackingFile } from '../../schema/tracking-file';
import type { EstablishmentRecord } from '../model';
import type { FieldValue } from '../values';
import { text, type Cell } from './cells';
import { HEADER_GREY, SHEET_NAMES, type SheetModel } from './sheet-model';

export interface EstablishmentLinks {
  weekly?: string;
  prefilled?: string;
  initialisation?: string;
}

/**
 * Columns of the registry tab: the tracking file's own columns where they exist (their labels come from there),
 * then registry-only facts and the runtime's links.
 */
export const REGISTRY_COLUMNS: ReadonlyArray<
  { key: string; width: number } & ({ column: string } | { label: string })
> = [
  { key: 'id', label: 'Identifiant', width: 200 },
  { key: 'use_case_id', label: 'Cas d’usage (identifiant)', width: 90 },
  { key: 'establishment', column: 'establishment', width: 260 },
  { key: 'department', column: 'department', width: 90 },
  { key: 'group', column: 'group', width: 140 },
  { key: 'federation', label: 'Fédération', width: 90 },
  { key: 'es_type', column: 'es_type', width: 120 },
  { key: 'pathway', column: 'pathway', width: 240 },
  { key: 'use_case', column: 'use_case', width: 200 },
  { key: 'pathway_status', label: 'Statut du parcours', width: 100 },
  { key: 'finess', label: 'FINESS', width: 90 },
  { key: 'note', label: 'Note', width: 300 },
  { key: 'weekly_link', label: 'Formulaire hebdomadaire', width: 260 },
  { key: 'prefilled_link', label: 'Lien prérempli', width: 260 },
  { key: 'initialisation_link', label: "Formulaire d'initialisation", width: 260 },
];

/** The header of each registry column, labels of tracking-file columns taken from the tracking file. */
export function registryHeader(tracking: TrackingFile): string[] {
  return REGISTRY_COLUMNS.map((c) =>
    'column' in c ? (tracking.columns.find((t) => t.id === c.column)?.label ?? c.key) : c.label,
  );
}

export function registrySheet(
  tracking: TrackingFile,
  establishments: readonly EstablishmentRecord[],
  links: ReadonlyMap<string, EstablishmentLinks>,
): SheetModel {
  const str = (v: FieldValue | undefined) => text(typeof v === 'string' ? v : '');
  const rows = establishments.flatMap((e) =>
    e.useCases.map((u) => {
      const l = links.get(e.id) ?? {};
      const facts: Record<string, Cell> = {
        id: text(e.id),
        use_case_id: text(u.id),
        federation: text(e.federation ?? ''),
        pathway_status: text(u.pathwayStatus),
        finess: text(e.finess ?? ''),
        note: text(e.note ?? ''),
        weekly_link: text(l.weekly ?? ''),
        prefilled_link: text(l.prefilled ?? ''),
        initialisation_link: text(l.initialisation ?? ''),
      };
      return REGISTRY_COLUMNS.map((c) =>
        'column' in c ? str(e.values[c.column] ?? u.values[c.column]) : (facts[c.key] ?? null),
      );
    }),
  );
  const editable = REGISTRY_COLUMNS.flatMap((c, i) => (c.key.endsWith('_link') ? [] : [i]));
  return {
    name: SHEET_NAMES.registry,
    columns: REGISTRY_COLUMNS.map((c) => ({
      key: c.key,
      width: c.width,
      hidden: false,
      owner: null,
      format: 'text' as const,
    })),
    header: [registryHeader(tracking).map(text)],
    rows,
    merges: [],
    styles: [
      {
        rect: { row: 0, col: 0, rows: 1, cols: REGISTRY_COLUMNS.length },
        style: { bold: true, fill: HEADER_GREY, wrap: true },
      },
    ],
    frozen: { rows: 1, columns: 3 },
    validations: [],
    hidden: false,
    charts: [],
    editableBy: { ars: editable },
  };
}
