// Which errors mean the data folder cannot take a write: the table the pages and commands rely on.
import { storageFailure } from '../../../src/local/db/storage-failure';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('storageFailure', () => {
  it.each([
    ['SQLITE_FULL', 'full'],
    ['ENOSPC', 'full'],
    ['EDQUOT', 'full'],
    ['SQLITE_READONLY', 'read-only'],
    ['SQLITE_READONLY_DBMOVED', 'read-only'],
    ['SQLITE_CANTOPEN', 'read-only'],
    ['SQLITE_IOERR_WRITE', 'read-only'],
    ['SQLITE_PERM', 'read-only'],
    ['EACCES', 'read-only'],
    ['EPERM', 'read-only'],
    ['EROFS', 'read-only'],
    ['SQLITE_CONSTRAINT_UNIQUE', undefined],
    ['SQLITE_BUSY', 'busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['SQLITE_LOCKED', 'busy'],
    ['ENOENT', undefined],
    ['EACCESS_SOMETHING', undefined],
    ['FST_ERR_CTP_BODY_TOO_LARGE', undefined],
  ])('classes %s as %s', (code, expected) => {
    expect(storageFailure(withCode(code))).toBe(expected);
  });

  it('classes errors without a code, and non-errors, as something else', () => {
    expect(storageFailure(new Error('disk full'))).toBeUndefined();
    expect(storageFailure('SQLITE_FULL')).toBeUndefined();
    expect(storageFailure(null)).toBeUndefined();
  });
});
