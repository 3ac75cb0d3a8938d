// The order in which both runtimes ingest a form's responses (src/google/form-responses.ts): oldest first, whatever
// order Google lists them in and however many fractional digits it writes (the reference allows 0 to 9).
import { inSubmissionOrder, type FormResponse } from '../../src/google/form-responses';

const response = (responseId: string, lastSubmittedTime: string): FormResponse => ({
  responseId,
  lastSubmittedTime,
});

describe('inSubmissionOrder', () => {
  it('puts the responses oldest first, comparing times written with 0 to 9 fractional digits', () => {
    const listed = [
      response('d', '2022-06-10T08:00:01Z'),
      response('b', '2022-06-10T08:00:00.5Z'),
      response('a', '2022-06-10T08:00:00Z'),
      response('c', '2022-06-10T08:00:00.500000001Z'),
    ];
    expect(inSubmissionOrder(listed).map((r) => r.responseId)).toEqual(['a', 'b', 'c', 'd']);
    // The list given is left as it was.
    expect(listed.map((r) => r.responseId)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('keeps the listed order of responses submitted at the same time', () => {
    const listed = [response('y', '2022-06-10T08:00:00.25Z'), response('x', '2022-06-10T08:00:00.250Z')];
    expect(inSubmissionOrder(listed).map((r) => r.responseId)).toEqual(['y', 'x']);
  });
});
