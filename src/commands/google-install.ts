// `suivi-mes google install`: creates (or completes) the master spreadsheet and the forms of each establishment.
import type { Command } from 'commander';
import { frGoogle } from '../google-api/messages';
import { install } from '../google-api/install';
import { readGoogleState, writeGoogleState } from '../google-api/state-file';
import { readBinomesFile } from '../local/accompaniment-data';
import { retexTemplateFiles } from './google-retex';
import type { CommandContext } from './options';
import { regionContext, withRegionOption } from './google-region';
import { openSession, print, withCredentialOptions, type GoogleCredentialOptions } from './google-shared';
import { frGoogleShared } from '../google/messages';

export function registerGoogleInstall(google: Command, ctx: () => CommandContext): void {
  withCredentialOptions(
    withRegionOption(google.command('install')).description(
      'crée ou complète le classeur de suivi et les formulaires des établissements',
    ),
  ).action(async (opts: GoogleCredentialOptions & { region?: string }) => {
    // One workbook per region: the region's own project, its state file apart (google-region.ts).
    const base = ctx();
    const context = regionContext(base, opts.region);
    const { options, project } = context;
    const dataDir = options.data;
    const session = openSession(opts, options.json);
    const state = readGoogleState(dataDir);
    const result = await install(session.adapters, session.google, {
      project,
      now: new Date(),
      adminEmail: session.resolved.email,
      spreadsheetId: state?.spreadsheetId,
      onCreated: (spreadsheetId, spreadsheetUrl) =>
        writeGoogleState(dataDir, { spreadsheetId, spreadsheetUrl }),
      retexDocx: retexTemplateFiles(context).docx,
      // The region's binômes file (the instance's for the pilot region, which also assigns the listed regions'
      // establishments): checked against the whole instance, as `suivi-mes` does locally; install seeds only the
      // establishments it adds to this workbook.
      binomes: readBinomesFile({ ...project, establishments: base.project.establishments }, options.config),
    });
    const access = frGoogle.accessSummary(
      result.access.granted,
      result.access.withdrawn,
      result.protectionsChanged,
      result.access.refused.map((r) => r.email),
    );
    const nothing =
      !result.created &&
      result.addedEstablishments.length === 0 &&
      result.formsCreated === 0 &&
      result.formsReopened + result.formsRecreated === 0 &&
      result.retexTemplatesImported.length === 0 &&
      access === '';
    const notes = result.limitations.map((l) => `  – ${frGoogle.limitations[l]}`).join('\n');
    print(
      options.json,
      result,
      [
        nothing
          ? `Classeur déjà installé, rien à changer : ${result.spreadsheetUrl}`
          : `Classeur ${result.created ? 'créé' : 'complété'} : ${result.spreadsheetUrl}`,
        `  ${result.addedEstablishments.length} établissement(s) ajouté(s), ${result.formsCreated} formulaire(s) créé(s).`,
        ...(result.formsReopened + result.formsRecreated > 0
          ? [
              `  ${result.formsReopened} formulaire(s) republié(s), ${result.formsRecreated} formulaire(s) recréé(s) (supprimés).`,
            ]
          : []),
        ...(access === '' ? [] : [`  Accès : ${access}.`]),
        ...result.access.refused.map((r) => `  ${frGoogleShared.shareRefused(r.email, r.what, r.reason)}`),
        ...(result.retexTemplatesImported.length > 0
          ? [`  ${frGoogle.retexTemplatesImported(result.retexTemplatesImported.length)}`]
          : []),
        'Ce que l’API Google ne permet pas (et ce que fait suivi-mes à la place) :',
        notes,
      ].join('\n'),
    );
  });
}
