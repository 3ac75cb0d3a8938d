// The REST runtime's last guard: every text cell it writes (values.batchUpdate, RAW) goes out with « � » in place
// of the characters no file may carry (src/domain/safe-text.ts), whatever the store held.
import * as fc from 'fast-check';
import type { sheets_v4 } from '@googleapis/sheets';
import nock from 'nock';
import { hasUnsafeCharacters, safeText } from '../../src/domain/safe-text';
import { anyText } from '../support/unsafe-text';
import {
  resetGoogleMocks,
  setupGoogleMocks,
  SHEETS_API,
  testAdapters,
} from '../support/google-api/google-mocks';

beforeEach(setupGoogleMocks);
afterEach(resetGoogleMocks);

describe('SheetsAdapter.valuesBatchUpdate', () => {
  it('sends text cells with « � » for what no file may carry, numbers and empty cells as they are', async () => {
    const { adapters } = testAdapters();
    const bodies: sheets_v4.Schema$BatchUpdateValuesRequest[] = [];
    nock(SHEETS_API)
      .persist()
      .post(/^\/v4\/spreadsheets\/ss-1\/values(:|%3A)batchUpdate/)
      .reply(200, (_uri, body) => {
        bodies.push(body as sheets_v4.Schema$BatchUpdateValuesRequest);
        return {};
      });
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        bodies.length = 0;
        await adapters.sheets.valuesBatchUpdate('ss-1', [
          { range: 'Suivi!A3:C3', majorDimension: 'ROWS', values: [[text, 42, '']] },
        ]);
        const sent = bodies[0]?.data?.[0];
        expect(sent?.values).toEqual([[safeText(text), 42, '']]);
        expect(hasUnsafeCharacters(String(sent?.values?.[0]?.[0]))).toBe(false);
        expect(bodies[0]?.valueInputOption).toBe('RAW');
      }),
      { numRuns: 30 },
    );
  });
});
