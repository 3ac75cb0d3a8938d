// Utilities fake: formatDate (the yyyy MM dd HH mm ss letters), getUuid (deterministic), sleep (advances the
// modelled clock). Does not emulate: digests, base64, zip, blobs, parseCsv.
import type { GasUtilities } from '../../../src/apps-script/gas-api';
import type { GasRuntime } from './runtime';
import { formatPattern } from './sheet-data';

export class FakeUtilities implements GasUtilities {
  constructor(private readonly rt: GasRuntime) {}
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    this.rt.call('Utilities.formatDate', 'nav');
    return formatPattern(date as unknown as Date, timeZone, format);
  }
  getUuid(): string {
    this.rt.call('Utilities.getUuid', 'nav');
    return this.rt.nextUuid();
  }
  sleep(milliseconds: number): void {
    this.rt.call('Utilities.sleep', 'nav');
    this.rt.advance(milliseconds);
  }
}
