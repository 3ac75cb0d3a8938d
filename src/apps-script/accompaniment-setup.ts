// Draws the accompaniment into a workbook: its tabs (accompaniment-tabs.ts), their protections, the bundled
// binômes seeded (binômes not yet known, establishments never assigned: what the ARS changed is kept), the tabs
// redrawn from the store. Install does it at its end when the run has time left (16 establishments take under three
// minutes, modelled); on a pilot whose install uses the whole run, the next Monday job, the menu item
// « Préparer l'accompagnement » or « Comité de suivi du mois » does it: whichever comes first. Idempotent.
import { seedBinomes } from '../app/accompaniment';
import { applyProtections } from './protections';
import {
  accompanimentContext,
  accompanimentProtectionSpecs,
  createAccompanimentSheets,
  renderAccompanimentTabs,
} from './accompaniment-tabs';
import type { Runtime } from './runtime';
import { syncBinomeFilterViews } from './binome-filter-views';
import { syncBinomeColumn } from './binome-column';

export interface AccompanimentSetup {
  created: string[];
  binomes: number;
  assignments: number;
}

export function ensureAccompaniment(rt: Runtime): AccompanimentSetup {
  const created = createAccompanimentSheets(rt);
  if (created.length > 0) applyProtections(rt, accompanimentProtectionSpecs(rt), false);
  const ctx = accompanimentContext(rt);
  const file = rt.accompanimentSources().binomes;
  const seeded = file
    ? ctx.accompaniment.batch(() => seedBinomes(ctx, file))
    : { binomes: [], assignments: [] };
  if (created.length > 0 || seeded.binomes.length + seeded.assignments.length > 0)
    renderAccompanimentTabs(rt, ctx.accompaniment);
  syncBinomeFilterViews(rt, ctx.accompaniment);
  syncBinomeColumn(rt, ctx.accompaniment);
  return { created, binomes: seeded.binomes.length, assignments: seeded.assignments.length };
}
