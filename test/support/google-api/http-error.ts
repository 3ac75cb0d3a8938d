// What a fake Google API answers instead of a result: the HTTP status and Google's JSON error body. The nock
// helpers (google-mocks.ts) and the Apps Script UrlFetchApp and advanced services of the emulator turn it into
// their own failure.
export class FakeHttpError {
  constructor(
    readonly status: number,
    readonly body: {
      error: { code: number; message: string; status?: string; errors?: Array<{ reason: string }> };
    },
  ) {}
}

/** A 400 as Google words it (INVALID_ARGUMENT). */
export function badRequest(message: string): FakeHttpError {
  return new FakeHttpError(400, { error: { code: 400, message, status: 'INVALID_ARGUMENT' } });
}
