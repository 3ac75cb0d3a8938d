// The Apps Script bundle's entry: the ONLY module that reads Apps Script globals. It gathers the services, the
// bundled project and the clock, and hands them to entry-points.ts. Every export becomes a top-level function of
// dist/apps-script/Code.js (see scripts/build-apps-script.mjs), callable by triggers, menus and the editor.
/// <reference types="google-apps-script" />
import sources from 'suivi:project-sources';
import retexSources from 'suivi:retex-sources';
import binomesSource from 'suivi:binomes-source';
import committeeSource from 'suivi:committee-source';
import type { Project } from '../schema/project';
import { bundledAccompaniment } from './accompaniment-tabs';
import { bundledEstablishmentIds, loadBundledProject } from './bundled-project';
import type { AccompanimentSources } from './runtime';
import type { RetexTemplates } from '../domain/retex/template';
import type { Clock } from '../ports';
import * as entry from './entry-points';
import type { GasEditEvent, GasFormSubmitEvent, GasServices } from './gas-api';
import { retexTemplatesFromSources } from './retex/retex-templates';
import type { SmokeReport } from '../google/smoke-report';

function services(): GasServices {
  return {
    SpreadsheetApp,
    FormApp,
    DriveApp,
    DocumentApp,
    Charts,
    ScriptApp,
    LockService,
    PropertiesService,
    MailApp,
    Session,
    Utilities,
    UrlFetchApp,
    // Advanced services: globals only when the manifest enables them.
    ...(typeof Sheets === 'undefined' ? {} : { Sheets }),
    ...(typeof Docs === 'undefined' ? {} : { Docs }),
  };
}

let project: Project | undefined;
let retexTemplates: RetexTemplates | undefined;
let accompaniment: AccompanimentSources | undefined;
const clock: Clock = { now: () => new Date() };

function env(): entry.Environment {
  const loaded = () => (project ??= loadBundledProject(sources));
  return {
    services: services(),
    project: loaded,
    clock,
    retexTemplates: () => (retexTemplates ??= retexTemplatesFromSources(retexSources, loaded())),
    accompaniment: () =>
      (accompaniment ??= bundledAccompaniment(
        binomesSource,
        committeeSource,
        loaded(),
        bundledEstablishmentIds(sources, loaded()),
      )),
  };
}

/** Simple trigger: adds the « Suivi MES » menu when the workbook opens. */
export function onOpen(): void {
  entry.onOpen(env());
}

/** The menu item of anyone but the owner: who administers the pilot. */
export function explainAccess(): void {
  entry.explainAccess(env());
}

/** Menu « Installer / ajouter les nouveaux établissements ». */
export function install(): void {
  entry.install(env(), false);
}

/** Continuation trigger of a long install. */
export function resumeInstall(): void {
  entry.install(env(), true);
}

/** Spreadsheet-level onFormSubmit trigger of the responses spreadsheet: every form's responses. */
export function handleFormSubmit(event: GasFormSubmitEvent): void {
  entry.handleFormSubmit(env(), event);
}

/** Installable onEdit trigger of the master workbook. */
export function handleEdit(event: GasEditEvent): void {
  entry.handleEdit(env(), event);
}

/** One-off clock trigger: ingests the responses that arrived while another execution held the lock. */
export function catchUpResponses(): void {
  entry.catchUpResponses(env());
}

/**
 * Hourly clock trigger of a workbook whose forms the command line made: reads their responses through the Forms
 * API (api-forms.ts).
 */
export function readFormResponses(): void {
  entry.readFormResponses(env());
}

/** Weekly clock trigger (and menu): reconciliation, forms of the new week, summary, reminders. */
export function weeklyTick(): void {
  entry.weeklyTick(env());
}

/** Menu « Actualiser la synthèse ». */
export function refreshSummary(): void {
  entry.refreshSummary(env());
}

/** Menu « Envoyer les relances maintenant ». */
export function sendReminders(): void {
  entry.sendRemindersNow(env());
}

/** Menu « Générer le RETEX V1 ». */
export function buildRetexV1(): void {
  entry.retex(env(), 'V1');
}

/** Menu « Générer le RETEX VF ». */
export function buildRetexVF(): void {
  entry.retex(env(), 'VF');
}

/** Continuation trigger of a RETEX whose documents did not all fit in one execution. */
export function resumeRetex(): void {
  entry.resumeRetex(env());
}

/** Menu « Préparer l'accompagnement (binômes, points de suivi) ». */
export function prepareAccompaniment(): void {
  entry.prepareAccompaniment(env());
}

/** Menu « Comité de suivi du mois ». */
export function committeePack(): void {
  entry.committeePack(env());
}

/** Menu « Vérifier le comportement de Google »; `npm run smoke:google` runs it with `clasp run` and reads its report. */
export function smokeGoogle(): SmokeReport {
  return entry.smokeGoogle(env());
}
