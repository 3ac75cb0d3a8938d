// Which establishments share a use case: one RETEX document per group, keyed `cas-usage:…`, plus the cross-cutting
// one. Pure and synchronous, no Node API: it also runs inside Apps Script.
import { retexFr } from '../messages';
import {
  establishmentName,
  rowKey,
  type EstablishmentRecord,
  type RowKey,
  type UseCaseRecord,
} from '../model';
import type { FieldValue } from '../values';
import { normaliseLabel } from './text';

/** The key of the cross-cutting document (every group's rows); the use-case documents' keys start `cas-usage:`. */
export const CROSS_CUTTING_KEY = 'transverse';

const UNKNOWN = normaliseLabel('à confirmer');

function known(value: FieldValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const n = normaliseLabel(value);
  return n === '' || n === UNKNOWN ? undefined : value.trim();
}

export interface RetexRow {
  establishment: EstablishmentRecord;
  useCase: UseCaseRecord;
  rowKey: RowKey;
}

export interface RetexUseCaseGroup {
  key: string;
  title: string;
  pathway: string;
  useCase: string;
  rows: RetexRow[];
}

/**
 * Rows are grouped by their pathway and use case texts, compared normalised (accents, case, punctuation and
 * spacing ignored), so the 9 AP-HP sites that share one pathway make one document. A row whose pathway is still
 * « à confirmer » (or empty) is never grouped with another: it gets its own document until the ES confirms it.
 * A use case « à confirmer » does not split rows that share a pathway.
 */
export function groupUseCases(establishments: readonly EstablishmentRecord[]): RetexUseCaseGroup[] {
  const groups = new Map<string, RetexUseCaseGroup>();
  for (const establishment of establishments)
    for (const useCase of establishment.useCases) {
      const key0 = rowKey(establishment.id, useCase.id);
      const pathway = known(useCase.values.pathway);
      const uc = known(useCase.values.use_case);
      const key = pathway
        ? `cas-usage:${normaliseLabel(pathway)}|${uc ? normaliseLabel(uc) : ''}`
        : `cas-usage:ligne:${key0}`;
      let group = groups.get(key);
      if (!group) {
        const title = pathway
          ? uc
            ? `${pathway} — ${uc}`
            : pathway
          : retexFr.pathwayToConfirm(establishmentName(establishment));
        group = {
          key,
          title,
          pathway: typeof useCase.values.pathway === 'string' ? useCase.values.pathway : '',
          useCase: typeof useCase.values.use_case === 'string' ? useCase.values.use_case : '',
          rows: [],
        };
        groups.set(key, group);
      }
      group.rows.push({ establishment, useCase, rowKey: key0 });
    }
  return [...groups.values()];
}
