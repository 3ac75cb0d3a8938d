// PDF copies of the RETEX documents through LibreOffice (`soffice --headless --convert-to pdf`), when it is
// installed. Each run gets its own throw-away profile and HOME, so it neither needs a writable home nor collides
// with a LibreOffice the user has open.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';

const run = promisify(execFile);
/** LibreOffice's first start (profile creation) plus a few documents stays well under this. */
const CONVERSION_TIMEOUT_MS = 180_000;

/** The LibreOffice executable on the PATH, if any. */
export function findSoffice(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of ['soffice', 'libreoffice'])
    for (const dir of dirs) {
      const file = path.join(dir, name);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  return undefined;
}

/** Converts .docx files to PDF in `outDir`; returns the PDFs that exist afterwards. */
export async function convertToPdf(
  soffice: string,
  files: readonly string[],
  outDir: string,
): Promise<string[]> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-soffice-'));
  try {
    await run(
      soffice,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=${pathToFileURL(path.join(home, 'profile')).href}`,
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        ...files,
      ],
      { env: { ...process.env, HOME: home }, timeout: CONVERSION_TIMEOUT_MS },
    );
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  return files
    .map((f) => path.join(outDir, `${path.basename(f, '.docx')}.pdf`))
    .filter((pdf) => fs.existsSync(pdf));
}
