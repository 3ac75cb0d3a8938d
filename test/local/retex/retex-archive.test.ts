// The RETEX files of a local data folder: a download can name only an issued version's .docx or .pdf in
// <data>/retex/, and copies to another folder never overwrite a file already there.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildRetex } from '../../../src/app/build-retex';
import { MemoryRetexStore } from '../../../src/app/retex-memory-store';
import {
  archivedDocuments,
  copyRetexOutput,
  findArchivedFile,
  isSafeFileName,
  retexArchiveDir,
} from '../../../src/local/retex/retex-archive';
import { readRetexDescriptions } from '../../../src/node/retex-files';
import type { RetexOutput } from '../../../src/local/retex/retex-output';
import { retexTemplatesDir } from '../../../src/node/project-files';
import { appContext, defaultProject } from '../../support/project';

const project = defaultProject();
const templates = readRetexDescriptions(project, retexTemplatesDir(project));
const issue = buildRetex(appContext('2022-07-04T10:00:00+02:00'), new MemoryRetexStore(), {
  milestone: 'V1',
  templates,
  author: 'a',
}).issue;
const cross = issue.documents.find((d) => d.model.kind === 'cross-cutting')!;

describe('the RETEX archive of a data folder', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retex-archive-'));
    fs.mkdirSync(retexArchiveDir(dataDir));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const put = (name: string, content = 'x') =>
    fs.writeFileSync(path.join(retexArchiveDir(dataDir), name), content);

  it('finds the .docx and .pdf of an issued document, with its size', () => {
    put(`${cross.fileBase}.docx`, 'docx!');
    put(`${cross.fileBase}.pdf`, 'pdf');
    expect(findArchivedFile(dataDir, [issue], `${cross.fileBase}.docx`)).toEqual({
      name: `${cross.fileBase}.docx`,
      file: path.join(dataDir, 'retex', `${cross.fileBase}.docx`),
      bytes: 5,
      type: 'docx',
    });
    expect(findArchivedFile(dataDir, [issue], `${cross.fileBase}.pdf`)?.type).toBe('pdf');
  });

  it.each([
    ['a file in the archive that no version issued', 'RETEX-V9-transverse-2022-07-04.docx'],
    ['an issued document with another extension', `${cross.fileBase}.docx.partiel`],
    ['a name climbing out of the archive', `../${cross.fileBase}.docx`],
    ['the database', '../suivi-mes.sqlite'],
    ['an absolute path', `/tmp/${cross.fileBase}.docx`],
    ['a hidden file', '.docx'],
  ])('finds nothing for %s', (_, name) => {
    put('RETEX-V9-transverse-2022-07-04.docx');
    put(`${cross.fileBase}.docx.partiel`);
    expect(findArchivedFile(dataDir, [issue], name)).toBeUndefined();
  });

  it('finds nothing for an issued document whose file is missing (it is never regenerated here)', () => {
    expect(findArchivedFile(dataDir, [issue], `${cross.fileBase}.docx`)).toBeUndefined();
    expect(fs.readdirSync(retexArchiveDir(dataDir))).toEqual([]);
  });

  it('never joins a stored file name that is not a plain safe name', () => {
    const tampered = {
      ...issue,
      documents: [{ ...cross, fileBase: '../secret' }],
    };
    fs.writeFileSync(path.join(dataDir, 'secret.docx'), 'secret');
    expect(findArchivedFile(dataDir, [tampered], '../secret.docx')).toBeUndefined();
    expect(archivedDocuments(dataDir, tampered)[0]).toEqual({
      key: cross.key,
      title: cross.title,
      kind: 'cross-cutting',
    });
    expect(isSafeFileName('RETEX-V1.1-transverse-2022-07-04.docx')).toBe(true);
    expect(isSafeFileName('..')).toBe(false);
    expect(isSafeFileName('a/b.docx')).toBe(false);
  });

  it('lists each document of a version with the files present', () => {
    put(`${cross.fileBase}.docx`);
    const listed = archivedDocuments(dataDir, issue);
    expect(listed).toHaveLength(issue.documents.length);
    expect(listed.filter((d) => d.docx)).toHaveLength(1);
    expect(listed.filter((d) => d.pdf)).toHaveLength(0);
  });
});

describe('copyRetexOutput', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'retex-copy-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function output(dir: string): RetexOutput {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'A.docx'), 'archive A');
    fs.writeFileSync(path.join(dir, 'A.pdf'), 'archive A pdf');
    fs.writeFileSync(path.join(dir, 'B.docx'), 'archive B');
    return {
      files: [
        {
          key: 'a',
          title: 'A',
          docx: path.join(dir, 'A.docx'),
          pdf: path.join(dir, 'A.pdf'),
          status: 'kept',
          unknownPlaceholders: [],
        },
        {
          key: 'b',
          title: 'B',
          docx: path.join(dir, 'B.docx'),
          status: 'written',
          unknownPlaceholders: ['x'],
        },
      ],
      pdf: 'skipped',
    };
  }

  it('copies the files, PDFs included, and says which copies are new', () => {
    const out = path.join(root, 'out');
    const copied = copyRetexOutput(output(path.join(root, 'retex')), out);
    expect(copied.files).toEqual([
      {
        key: 'a',
        title: 'A',
        docx: path.join(out, 'A.docx'),
        pdf: path.join(out, 'A.pdf'),
        status: 'written',
        unknownPlaceholders: [],
      },
      { key: 'b', title: 'B', docx: path.join(out, 'B.docx'), status: 'written', unknownPlaceholders: ['x'] },
    ]);
    expect(fs.readFileSync(path.join(out, 'A.pdf'), 'utf8')).toBe('archive A pdf');
    expect(fs.readdirSync(out).sort()).toEqual(['A.docx', 'A.pdf', 'B.docx']);
  });

  it('leaves a file already in the target folder as it is', () => {
    const out = path.join(root, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'A.docx'), 'already there');
    const copied = copyRetexOutput(output(path.join(root, 'retex')), out);
    expect(copied.files.map((f) => f.status)).toEqual(['kept', 'written']);
    expect(fs.readFileSync(path.join(out, 'A.docx'), 'utf8')).toBe('already there');
  });

  it('copies nothing when the target is the archive itself, and keeps the archive’s statuses', () => {
    const dir = path.join(root, 'retex');
    const copied = copyRetexOutput(output(dir), dir);
    expect(copied.files.map((f) => f.status)).toEqual(['kept', 'written']);
    expect(fs.readdirSync(dir).sort()).toEqual(['A.docx', 'A.pdf', 'B.docx']);
  });
});
