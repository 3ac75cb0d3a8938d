// Where each region's Google workbook is recorded (« one workbook per region »): a region's `google install
// --region ID` writes its state file under <data>/regions/<id>/, beside the region's own RETEX files, so the
// instance's own workbook (<data>/google-state.json) and every region's stay apart and `install` run again on a
// region completes that region's workbook only.
import fs from 'node:fs';
import path from 'node:path';
import { instanceRegions } from '../domain/region-scope';
import type { Config } from '../schema/config';
import { readGoogleState, type GoogleState } from './state-file';

export function regionStateDir(dataDir: string, regionId: string): string {
  return path.join(dataDir, 'regions', regionId);
}

/** The workbook each region of the configuration has installed (`google install --region`), if any. */
export function regionalWorkbooks(
  dataDir: string,
  config: Config,
): Array<{ regionId: string; state: GoogleState }> {
  return instanceRegions(config).flatMap((r) => {
    const dir = regionStateDir(dataDir, r.id);
    const state = fs.existsSync(dir) ? readGoogleState(dir) : undefined;
    return state ? [{ regionId: r.id, state }] : [];
  });
}
