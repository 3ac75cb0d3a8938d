// The report of smokeGoogle (src/apps-script/smoke.ts), which the bundle returns through clasp and
// src/node/smoke-google.ts reads back: one shape for the runtime that writes it and the Node code that reads it.

/** `conforms`: Google is no kinder than the emulator; `differs`: it is; `measured`: informative only. */
export type SmokeVerdict = 'conforms' | 'differs' | 'measured';

export interface SmokeCheck {
  name: string;
  expected: string;
  observed: string;
  verdict: SmokeVerdict;
}

export interface SmokeReport {
  checks: SmokeCheck[];
  /** Checks that conform. */
  passed: number;
  /** Checks that differ. */
  failed: number;
}
