// Checks an uploaded .xlsx (a zip) before any spreadsheet library inflates it: the signature, the central
// directory (entry count, encryption, declared sizes), then every entry inflated once through a counting stream
// that stops at its declared size and at the limits. Reads the archive; extracts and keeps nothing.
import yauzl from 'yauzl';
import type { ImportCode } from '../../domain/messages';

export interface ZipLimits {
  /** Bytes of the uploaded file. */
  maxFileBytes: number;
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
}

/** Generous for the pilot (its exported workbook is well under 1 MB), small enough to parse in memory safely. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxFileBytes: 10 * 2 ** 20,
  maxEntries: 500,
  maxEntryBytes: 24 * 2 ** 20,
  maxTotalBytes: 48 * 2 ** 20,
};

export type ZipVerdict =
  | { ok: true; entries: string[]; uncompressedBytes: number }
  | {
      ok: false;
      code: Extract<
        ImportCode,
        'FILE_TOO_LARGE' | 'FILE_NOT_XLSX' | 'FILE_ENCRYPTED' | 'FILE_DAMAGED' | 'FILE_TOO_EXPANDED'
      >;
      /** For FILE_TOO_EXPANDED, what exceeded (French, for the message). */
      what?: string;
      /** English, for the log. */
      details: string;
    };

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE compound files: an encrypted OOXML workbook, or a legacy .xls. */
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const MB = (bytes: number) => Math.round(bytes / 2 ** 20);

class TooExpanded extends Error {
  constructor(readonly what: string) {
    super(`limit exceeded: ${what}`);
  }
}

async function inflateCounting(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number): Promise<number> {
  const name = `« ${entry.fileName.slice(0, 60)} »`;
  const stream = await zip.openReadStreamPromise(entry);
  let count = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      count += chunk.length;
      if (count > limit) throw new TooExpanded(`${name} dépasse ${MB(limit)} Mo`);
    }
  } catch (error) {
    stream.destroy();
    // yauzl stops an entry that inflates past the size its header declares: the mark of a crafted archive.
    if (/too many bytes in the stream/.test((error as Error).message))
      throw new TooExpanded(`${name} se décompresse au-delà de la taille annoncée`);
    throw error;
  }
  return count;
}

export async function inspectZip(data: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipVerdict> {
  if (data.length > limits.maxFileBytes)
    return { ok: false, code: 'FILE_TOO_LARGE', details: `${data.length} bytes` };
  if (data.subarray(0, OLE_SIGNATURE.length).equals(OLE_SIGNATURE))
    return { ok: false, code: 'FILE_ENCRYPTED', details: 'OLE compound file (encrypted OOXML or .xls)' };
  if (!data.subarray(0, ZIP_SIGNATURE.length).equals(ZIP_SIGNATURE))
    return { ok: false, code: 'FILE_NOT_XLSX', details: 'no zip local header signature' };
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(data, {
      lazyEntries: true,
      validateEntrySizes: true,
      strictFileNames: false,
      decodeStrings: true,
    });
  } catch (error) {
    return { ok: false, code: 'FILE_DAMAGED', details: (error as Error).message };
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      throw new TooExpanded(`${zip.entryCount} éléments, au plus ${limits.maxEntries}`);
    const entries: string[] = [];
    let declared = 0;
    let actual = 0;
    for await (const entry of zip.eachEntry()) {
      if (entry.isEncrypted())
        return { ok: false, code: 'FILE_ENCRYPTED', details: `encrypted entry ${entry.fileName}` };
      if (entry.uncompressedSize > limits.maxEntryBytes)
        throw new TooExpanded(`« ${entry.fileName.slice(0, 60)} » annonce ${MB(entry.uncompressedSize)} Mo`);
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes)
        throw new TooExpanded(`plus de ${MB(limits.maxTotalBytes)} Mo annoncés`);
      entries.push(entry.fileName);
      // Declared sizes can lie: inflate once, counting, stopped at the declared size (yauzl's validateEntrySizes)
      // or at the limits, whichever comes first.
      if (!entry.fileName.endsWith('/'))
        actual += await inflateCounting(
          zip,
          entry,
          Math.min(limits.maxEntryBytes, limits.maxTotalBytes - actual),
        );
    }
    if (!entries.some((name) => name.replace(/^\//, '') === 'xl/workbook.xml'))
      return { ok: false, code: 'FILE_NOT_XLSX', details: 'zip without xl/workbook.xml' };
    return { ok: true, entries, uncompressedBytes: actual };
  } catch (error) {
    if (error instanceof TooExpanded)
      return { ok: false, code: 'FILE_TOO_EXPANDED', what: error.what, details: error.message };
    return { ok: false, code: 'FILE_DAMAGED', details: (error as Error).message };
  } finally {
    zip.close();
  }
}
