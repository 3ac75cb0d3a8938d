// Drive copies made many at once: one UrlFetchApp.fetchAll of Drive API files.copy requests (the request bodies of
// src/google/drive-requests.ts), which Google runs concurrently, instead of one File.makeCopy (a few seconds each)
// per file. Used by install for the forms and by the RETEX for its documents.
import * as z from 'zod';
import { driveCopyRequest } from '../google/drive-requests';
import type { GasServices } from './gas-api';
import { fetchAllJson } from './url-fetch-json';

/** A copy to make: the file copied and the copy's name. */
export interface WantedCopy {
  template: string;
  name: string;
}

/** How many copies one call asks for: two waves at the ten-at-a-time Google is seen to run. */
export const COPIES_PER_FETCH = 20;

const DriveCopyAnswer = z.object({ id: z.string().min(1) });

/**
 * Copies each wanted file into the folder `folderId`, all in one UrlFetchApp.fetchAll; gives each copy's id, in the
 * order asked, or undefined where Google refused it (the caller then copies that one on its own).
 */
export function copyAllAtOnce(
  services: Pick<GasServices, 'ScriptApp' | 'UrlFetchApp'>,
  wanted: readonly WantedCopy[],
  folderId: string,
): Array<string | undefined> {
  if (wanted.length === 0) return [];
  const answers = fetchAllJson(
    services,
    wanted.map((w) => driveCopyRequest(w.template, w.name, folderId)),
  );
  return answers.map((answer) => {
    const parsed = DriveCopyAnswer.safeParse(answer.body);
    return answer.code === 200 && parsed.success ? parsed.data.id : undefined;
  });
}
