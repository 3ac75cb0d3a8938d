// Everything the core needs, validated together: config, columns, départements, establishments, forms.
// Pure: the caller reads the files (Node: src/node/project-files.ts; Apps Script: bundled at build time).
import { parseConfig, type Config } from './config';
import { parseDepartments, unknownDepartment, type Department } from './departments';
import { parseEstablishmentsCsv, type SeedEstablishment } from './establishments';
import { parseFormDefinition, type FormDefinition } from './form-definition';
import { parseTrackingFile, type TrackingFile } from './tracking-file';
import { DataFileError } from './zod-issues';

export interface Project {
  config: Config;
  tracking: TrackingFile;
  departments: Department[];
  establishments: SeedEstablishment[];
  forms: { initialisation: FormDefinition; weekly: FormDefinition };
}

/** The raw contents of the data files, as read from disk or bundled. */
export interface ProjectSources {
  config: unknown;
  tracking: unknown;
  departments: unknown;
  establishmentsCsv: string;
  initialisationForm: unknown;
  weeklyForm: unknown;
}

export function loadProject(sources: ProjectSources): Project {
  const config = parseConfig(sources.config);
  const tracking = parseTrackingFile(sources.tracking, config.files.trackingFile);
  const departments = parseDepartments(sources.departments, config.files.departments);
  const establishments = parseEstablishmentsCsv(sources.establishmentsCsv, config.files.establishments);
  const known = new Set(departments.map((d) => d.code));
  const problems = establishments
    .filter((e) => !known.has(e.department))
    .map((e) => ({ path: e.id, message: unknownDepartment(e.department) }));
  if (problems.length > 0) throw new DataFileError(config.files.establishments, problems);
  return {
    config,
    tracking,
    departments,
    establishments,
    forms: {
      initialisation: parseFormDefinition(
        sources.initialisationForm,
        tracking,
        config.files.initialisationForm,
      ),
      weekly: parseFormDefinition(sources.weeklyForm, tracking, config.files.weeklyForm),
    },
  };
}
