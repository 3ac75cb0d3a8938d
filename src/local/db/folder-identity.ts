// The identity of the data folder a process opened: the device and inode of the folder, its database and its
// secret key. If someone deletes, moves or replaces the folder while the server runs, SQLite keeps writing into the
// old, unlinked file and every commit still succeeds: only comparing identities tells. Two stat calls per check,
// cheap enough to run before every write and again before every acknowledgement. Once changed, always changed.
import fs from 'node:fs';

interface Identity {
  dev: number;
  ino: number;
}

function identityOf(file: string): Identity | undefined {
  try {
    const { dev, ino } = fs.statSync(file);
    return { dev, ino };
  } catch {
    return undefined;
  }
}

/** Returns `intact()`: true while every file in `files` is still the one present when this was called. */
export function folderIdentity(files: readonly string[]): () => boolean {
  const expected = files.map((file) => ({ file, id: identityOf(file) }));
  let intact = true;
  return () => {
    if (!intact) return false;
    intact = expected.every(({ file, id }) => {
      const now = identityOf(file);
      return id !== undefined && now !== undefined && now.dev === id.dev && now.ino === id.ino;
    });
    return intact;
  };
}
