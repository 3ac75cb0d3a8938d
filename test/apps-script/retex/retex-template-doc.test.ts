// Which template a RETEX document is copied from: the one the configuration names (google.retexTemplateIds), else
// the one install wrote and recorded, written again when it was deleted by hand.
import { openRuntime } from '../../../src/apps-script/runtime';
import { retexTemplateFile } from '../../../src/apps-script/retex/retex-template-doc';
import { RetexTemplateError } from '../../../src/domain/retex/fill';
import { readRetexDescriptions } from '../../../src/node/retex-files';
import { retexTemplatesDir } from '../../../src/node/project-files';
import type { Project } from '../../../src/schema/project';
import { defaultProject } from '../../support/project';
import { emptyWorkbook } from '../../support/apps-script/harness';
import { frAppsScript } from '../../../src/apps-script/messages';

const project = defaultProject();
const templates = readRetexDescriptions(project, retexTemplatesDir(project));

function withTemplateIds(ids: Record<string, string>): Project {
  return { ...project, config: { ...project.config, google: { retexTemplateIds: ids } } };
}

describe('retexTemplateFile', () => {
  it('copies the template the configuration names, and writes none of its own', () => {
    const { env } = emptyWorkbook();
    const own = env.globals.DocumentApp.create('Modèle régional');
    const rt = openRuntime(env.globals, withTemplateIds({ 'fiche-cas-usage': own.getId() }), {
      now: () => new Date(env.runtime.now()),
    });
    const folder = env.globals.DriveApp.createFolder('Pilote');
    expect(retexTemplateFile(rt, templates.useCase, folder).getId()).toBe(own.getId());
    expect(env.drive.list('document')).toHaveLength(1);
  });

  it('says in French when the configured template is missing, rather than writing another', () => {
    const { env } = emptyWorkbook();
    const rt = openRuntime(env.globals, withTemplateIds({ 'fiche-transverse': 'document-inconnu' }), {
      now: () => new Date(env.runtime.now()),
    });
    const folder = env.globals.DriveApp.createFolder('Pilote');
    expect(() => retexTemplateFile(rt, templates.crossCutting, folder)).toThrow(
      frAppsScript.retexTemplateMissing('fiche-transverse', 'document-inconnu'),
    );
    // The one RETEX template error, which the RETEX run turns into a refusal.
    expect(() => retexTemplateFile(rt, templates.crossCutting, folder)).toThrow(RetexTemplateError);
    expect(env.drive.list('document')).toEqual([]);
  });

  it('trashes the new template when Google refuses its Docs batch, and records nothing', () => {
    const { env, rt } = emptyWorkbook();
    const folder = env.globals.DriveApp.createFolder('Pilote');
    env.runtime.failNext(
      'Docs.Documents.batchUpdate',
      'API call to docs.documents.batchUpdate failed with error: Internal error',
    );
    expect(() => retexTemplateFile(rt, templates.useCase, folder)).toThrow('Internal error');
    const made = [...env.documents.byId.keys()];
    expect(made).toHaveLength(1);
    expect(env.drive.get(made[0]!).trashed).toBe(true);
    expect(env.properties.script.get('retex.template.fiche-cas-usage')).toBeUndefined();
  });

  it('writes the template again when the recorded one was put in the trash, and records the new one', () => {
    const { env, rt } = emptyWorkbook();
    const folder = env.globals.DriveApp.createFolder('Pilote');
    const first = retexTemplateFile(rt, templates.useCase, folder);
    expect(retexTemplateFile(rt, templates.useCase, folder).getId()).toBe(first.getId());
    first.setTrashed(true);
    const second = retexTemplateFile(rt, templates.useCase, folder);
    expect(second.getId()).not.toBe(first.getId());
    expect(env.properties.script.get('retex.template.fiche-cas-usage')).toBe(second.getId());
  });
});
