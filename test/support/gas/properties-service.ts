// PropertiesService fake: script properties as strings, with Google's limits — 9 KB per value, 500 KB per store
// (quotas page). Does not emulate: user and document properties, the daily read/write quota, caching.
import type { GasProperties, GasPropertiesService } from '../../../src/apps-script/gas-api';
import type { GasRuntime } from './runtime';

export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

class FakeProperties implements GasProperties {
  constructor(
    private readonly rt: GasRuntime,
    readonly map: Map<string, string>,
  ) {}
  private check(next: Map<string, string>): void {
    for (const value of next.values())
      if (bytes(value) > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > MAX_STORE_BYTES)
      throw new Error(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
  }
  getProperty(key: string): string | null {
    this.rt.call('Properties.getProperty', 'properties-read');
    return this.map.get(key) ?? null;
  }
  getProperties(): { [key: string]: string } {
    this.rt.call('Properties.getProperties', 'properties-read');
    return Object.fromEntries(this.map);
  }
  setProperty(key: string, value: string): GasProperties {
    this.rt.call('Properties.setProperty', 'properties-write');
    const next = new Map(this.map).set(key, String(value));
    this.check(next);
    this.map.set(key, String(value));
    return this;
  }
  setProperties(properties: { [key: string]: string }): GasProperties {
    this.rt.call('Properties.setProperties', 'properties-write');
    const next = new Map(this.map);
    for (const [k, v] of Object.entries(properties)) next.set(k, String(v));
    this.check(next);
    for (const [k, v] of next) this.map.set(k, v);
    return this;
  }
  deleteProperty(key: string): GasProperties {
    this.rt.call('Properties.deleteProperty', 'properties-write');
    this.map.delete(key);
    return this;
  }
}

export class FakePropertiesService implements GasPropertiesService {
  readonly script = new Map<string, string>();
  constructor(private readonly rt: GasRuntime) {}
  getScriptProperties(): GasProperties {
    this.rt.call('PropertiesService.getScriptProperties', 'nav');
    return new FakeProperties(this.rt, this.script);
  }
}
