// A RETEX draft at a milestone: one document per use case (the establishments that share it), then the
// cross-cutting one, all built from the same cut-off data. Pure and synchronous, no Node API: it also runs inside
// Apps Script.
import type { Column, TrackingFile } from '../../schema/tracking-file';
import type { Milestone } from '../calendar';
import { annotationColumns, reportColumns } from '../columns';
import { retexFr } from '../messages';
import { establishmentName, type EstablishmentRecord } from '../model';
import { cutoffData } from './cutoff';
import { buildDocument, type DocumentInput, type RetexDocumentModel } from './document';
import { CROSS_CUTTING_KEY, groupUseCases } from './groups';
import { quotedColumns, type RetexTemplates } from './template';
import { distinct } from './text';

/** What a draft is built from: every establishment, grouped here into the documents. */
export interface RetexInput extends DocumentInput {
  establishments: readonly EstablishmentRecord[];
}

export interface RetexDraft {
  milestone: Milestone;
  /** The use-case documents in the establishments' order, then the cross-cutting one. */
  documents: RetexDocumentModel[];
}

/** Columns quoted verbatim: ES weekly free text, ARS free text, and any column a template quotes. */
export function retexQuoteColumns(tracking: TrackingFile, templates: RetexTemplates): Column[] {
  const wanted = new Set([...quotedColumns(templates.useCase), ...quotedColumns(templates.crossCutting)]);
  return tracking.columns.filter(
    (c) =>
      c.type.kind === 'longText' &&
      (wanted.has(c.id) ||
        reportColumns(tracking).includes(c) ||
        annotationColumns(tracking, 'ars').includes(c)),
  );
}

/** Every document of a RETEX at a milestone: one per use case, then the cross-cutting one. */
export function buildRetexDraft(input: RetexInput): RetexDraft {
  const quoteColumns = retexQuoteColumns(input.tracking, input.templates);
  const data = cutoffData(input, quoteColumns);
  const groups = groupUseCases(input.establishments);
  const used = new Map<string, number>();
  const documents = groups.map((g) => {
    const names = distinct(g.rows.map((r) => establishmentName(r.establishment)));
    const sharedGroup = distinct(g.rows.map((r) => String(r.establishment.values.group ?? '')));
    const prefix =
      names.length === 1
        ? g.key.startsWith('cas-usage:ligne:')
          ? ''
          : (names[0] ?? '')
        : sharedGroup.length === 1
          ? (sharedGroup[0] ?? '')
          : '';
    const doc = buildDocument(
      input,
      {
        key: g.key,
        kind: 'use-case',
        title: g.title,
        slugPrefix: prefix,
        pathway: g.pathway,
        useCase: g.useCase,
        rows: g.rows,
        groups: [g],
      },
      data,
      quoteColumns,
    );
    // Two use cases can slug alike once accents and punctuation are gone: file names must still differ.
    const n = (used.get(doc.slug) ?? 0) + 1;
    used.set(doc.slug, n);
    return n === 1 ? doc : { ...doc, slug: `${doc.slug}-${n}` };
  });
  documents.push(
    buildDocument(
      input,
      {
        key: CROSS_CUTTING_KEY,
        kind: 'cross-cutting',
        title: retexFr.crossCuttingTitle,
        slugPrefix: '',
        pathway: '',
        useCase: '',
        rows: groups.flatMap((g) => g.rows),
        groups,
      },
      data,
      quoteColumns,
    ),
  );
  return { milestone: input.milestone, documents };
}
