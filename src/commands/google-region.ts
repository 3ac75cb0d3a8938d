// `--region ID` of the `google` commands (« one workbook per region »): the command runs on that region's own
// workbook — the region's project (src/app/regional-project.ts) and the state file `google install --region` wrote
// under <data>/regions/<id>/ — exactly as a one-region instance would.
import type { Command } from 'commander';
import { regionalProject } from '../app/regional-project';
import { regionStateDir } from '../google-api/regional-workbooks';
import type { CommandContext } from './options';

export function withRegionOption(command: Command): Command {
  return command.option(
    '--region <id>',
    'le classeur d’une région de la configuration (installé par « google install --region »)',
  );
}

/** The context of the region's workbook; the context itself without a region. */
export function regionContext(base: CommandContext, region: string | undefined): CommandContext {
  if (region === undefined) return base;
  return {
    ...base,
    project: regionalProject(base.project, region),
    options: { ...base.options, data: regionStateDir(base.options.data, region) },
  };
}
