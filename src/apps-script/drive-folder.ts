// The Drive folder that holds what the script creates (forms, responses, RETEX, committee documents), created on
// first use and found again by its id in Script Properties. Its own module: install, RETEX and the committee pack
// all need it, and RETEX must not import install (an import cycle).
import type { GasFolder } from './gas-api';
import { frAppsScript } from './messages';
import type { Runtime } from './runtime';
import { KEYS } from './settings';

/** The pilot's Drive folder (created, with the master moved into it, when there is none). */
export function folderOf(rt: Runtime): GasFolder {
  const id = rt.settings.get(KEYS.folderId);
  if (id) {
    try {
      return rt.services.DriveApp.getFolderById(id);
    } catch {
      // Deleted by hand: a new one is created below.
    }
  }
  const folder = rt.services.DriveApp.createFolder(frAppsScript.folderName(rt.project.config.pilot.name));
  rt.settings.set(KEYS.folderId, folder.getId());
  rt.services.DriveApp.getFileById(rt.master.getId()).moveTo(folder);
  return folder;
}
