// Recognises the failures that mean the data folder cannot take a write — a full disk, a folder or database that
// is read-only or cannot be opened — among SQLite's and the file system's errors, so the pages and the commands say
// so in French instead of « erreur du serveur ». SQLite rolls the transaction back on each of them. `busy`: another
// process kept the database locked longer than the retries of write-transaction.ts wait.
import { isBusy } from './write-transaction';

export type StorageFailure = 'full' | 'read-only' | 'busy';

const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
const READ_ONLY = /^(SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_IOERR|SQLITE_PERM|EACCES$|EPERM$|EROFS$)/;

export function storageFailure(error: unknown): StorageFailure | undefined {
  const code =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
      ? error.code
      : undefined;
  if (code === undefined) return undefined;
  if (isBusy(error)) return 'busy';
  if (FULL.has(code)) return 'full';
  return READ_ONLY.test(code) ? 'read-only' : undefined;
}

const DETAILS: Record<string, string> = {
  ENOENT: 'chemin introuvable',
  ENOTDIR: 'une partie du chemin est un fichier, pas un dossier',
  EACCES: 'accès refusé',
  EPERM: 'opération non permise',
  EROFS: 'disque en lecture seule',
  EEXIST: 'un fichier porte déjà ce nom',
  SQLITE_CANTOPEN: 'base de données impossible à ouvrir',
  SQLITE_READONLY: 'base de données en lecture seule',
  SQLITE_PERM: 'base de données non accessible en écriture',
  SQLITE_IOERR: "erreur d'écriture sur le disque",
};

/** The cause of a storage failure in a few French words, for the messages that name the folder. */
export function failureDetail(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
      ? error.code
      : '';
  const known = Object.keys(DETAILS).find((k) => code === k || code.startsWith(`${k}_`));
  return known ? (DETAILS[known] as string) : code || 'erreur inconnue';
}
