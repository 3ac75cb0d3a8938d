// Generated hostile and malformed uploads for the .xlsx import (no committed binaries): each case builds its bytes
// from a real export or from raw zip records, and says which refusal code it must get. The bad-input corpus of
// issue #7 can run the same list. `zipOf` writes zip records by hand so that a case can lie about sizes.
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import type { ImportCode } from '../../../src/domain/messages';

export interface RawZipEntry {
  name: string;
  /** The bytes as stored (already deflated when `method` is 8). */
  stored: Buffer;
  method: 0 | 8;
  /** What the headers claim once inflated. */
  declaredSize: number;
  crc: number;
  encrypted?: boolean;
}

export function deflated(name: string, content: Buffer, declaredSize = content.length): RawZipEntry {
  return { name, stored: zlib.deflateRawSync(content), method: 8, declaredSize, crc: zlib.crc32(content) };
}

/** A zip archive from raw records: local headers, data, central directory, end record. */
export function zipOf(entries: readonly RawZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const flags = (e.encrypted ? 1 : 0) | 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.stored.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.stored.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.stored);
    centrals.push(central, name);
    offset += local.length + name.length + e.stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Replaces (or adds) parts of a real .xlsx, keeping the rest. */
export function withParts(xlsx: Buffer, parts: Record<string, string>): Buffer {
  const zip = new PizZip(xlsx);
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export function sharedStringsOf(xlsx: Buffer): string | undefined {
  return new PizZip(xlsx).file('xl/sharedStrings.xml')?.asText();
}

/** A small valid workbook holding one sheet of the given rows (ExcelJS, in memory, shared strings). */
export async function workbookOf(rows: ExcelJS.CellValue[][], name = 'Feuil1'): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(name);
  rows.forEach((r, i) => {
    ws.getRow(i + 1).values = r;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

export interface HostileCase {
  name: string;
  /** What the file is, in one line. */
  description: string;
  expected: ImportCode;
  make(exported: Buffer): Promise<Buffer> | Buffer;
}

const MB = 2 ** 20;

export const HOSTILE_WORKBOOKS: readonly HostileCase[] = [
  {
    name: 'trop-lourd',
    description: 'an 11 MB upload (the limit is 10 MB)',
    expected: 'FILE_TOO_LARGE',
    make: () => Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(11 * MB)]),
  },
  {
    name: 'texte-brut',
    description: 'a text file renamed .xlsx',
    expected: 'FILE_NOT_XLSX',
    make: () => Buffer.from('Etablissement;Actions\nGH COCHIN;Relancer\n', 'utf8'),
  },
  {
    name: 'fichier-vide',
    description: 'an empty upload',
    expected: 'FILE_NOT_XLSX',
    make: () => Buffer.alloc(0),
  },
  {
    name: 'ancien-xls-ou-chiffre',
    description: 'an OLE compound file: a legacy .xls or a password-protected workbook',
    expected: 'FILE_ENCRYPTED',
    make: () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]),
  },
  {
    name: 'zip-sans-classeur',
    description: 'a valid zip without xl/workbook.xml',
    expected: 'FILE_NOT_XLSX',
    make: () => zipOf([deflated('word/document.xml', Buffer.from('<w:document/>'))]),
  },
  {
    name: 'tronque',
    description: 'an exported workbook cut in half, as an interrupted download leaves it',
    expected: 'FILE_DAMAGED',
    make: (exported) => exported.subarray(0, Math.floor(exported.length / 2)),
  },
  {
    name: 'entree-chiffree',
    description: 'a zip whose entry is flagged encrypted',
    expected: 'FILE_ENCRYPTED',
    make: () => zipOf([{ ...deflated('xl/workbook.xml', Buffer.from('<workbook/>')), encrypted: true }]),
  },
  {
    name: 'bombe-annoncee',
    description: 'one entry honestly declaring 100 MB of zeros (about 100 KB compressed)',
    expected: 'FILE_TOO_EXPANDED',
    make: () => zipOf([deflated('xl/workbook.xml', Buffer.alloc(100 * MB))]),
  },
  {
    name: 'bombe-cachee',
    description: 'one entry declaring 1 KB that inflates to 40 MB',
    expected: 'FILE_TOO_EXPANDED',
    make: () => zipOf([deflated('xl/workbook.xml', Buffer.alloc(40 * MB), 1024)]),
  },
  {
    name: 'trop-d-entrees',
    description: '2,000 tiny entries',
    expected: 'FILE_TOO_EXPANDED',
    make: () =>
      zipOf(Array.from({ length: 2_000 }, (_, i) => deflated(`xl/media/image${i}.png`, Buffer.from('x')))),
  },
  {
    name: 'total-trop-grand',
    description: 'three entries of 20 MB each: each under the entry limit, together over the total',
    expected: 'FILE_TOO_EXPANDED',
    make: () =>
      zipOf([1, 2, 3].map((i) => deflated(`xl/worksheets/sheet${i}.xml`, Buffer.alloc(20 * MB, 0x20)))),
  },
  {
    name: 'entites-xml',
    description: 'shared strings declaring nested XML entities (« billion laughs »)',
    expected: 'FILE_DAMAGED',
    make: (exported) =>
      withParts(exported, {
        'xl/sharedStrings.xml':
          '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol3;</t></si></sst>',
      }),
  },
  {
    name: 'xml-casse',
    description: 'a worksheet part that is not XML',
    expected: 'FILE_DAMAGED',
    make: (exported) => withParts(exported, { 'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row' }),
  },
  {
    name: 'cellule-lointaine',
    description: 'the tracking labels and one value in the very last cell of the sheet (XFD1048576)',
    expected: 'SHEET_TOO_LARGE',
    make: async () => {
      const book = new ExcelJS.Workbook();
      const ws = book.addWorksheet('Suivi');
      ws.getRow(1).values = ['Etablissement', 'Parcours / Services', "Cas d'usages"];
      ws.getCell('XFD1048576').value = 'loin';
      return Buffer.from(await book.xlsx.writeBuffer());
    },
  },
  {
    name: 'trop-de-lignes',
    description: 'the tracking labels over 6,000 rows (the limit is 5,000)',
    expected: 'SHEET_TOO_LARGE',
    make: () =>
      workbookOf(
        [
          ['Etablissement', 'Parcours / Services', "Cas d'usages"],
          ...Array.from({ length: 6_000 }, (_, i) => [`ES ${i}`, 'p', 'u']),
        ],
        'Suivi',
      ),
  },
];
