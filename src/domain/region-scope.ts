// Several regions in one instance (config `regions`): which region each establishment and each ARS address belongs
// to. The pilot's own region comes first and takes every establishment no listed region claims, so a config
// without `regions` is one region holding everything, as before. Pure.
import type { Config } from '../schema/config';
import type { EstablishmentRecord } from './model';
import { findRegion } from './regions';

export interface InstanceRegion {
  id: string;
  name: string;
  /** ARS / SESAN addresses whose links see this region's rows. */
  ars: readonly string[];
}

export function instanceRegions(config: Config): InstanceRegion[] {
  const own = config.pilot.region;
  return [
    { id: findRegion(own)?.id ?? 'principale', name: own, ars: config.roles.ars },
    ...(config.regions ?? []).map((r) => ({ id: r.id, name: r.name, ars: r.ars })),
  ];
}

/** Every ARS address of the instance, all regions together (one access link each). */
export function allArsAddresses(config: Config): string[] {
  return instanceRegions(config).flatMap((r) => r.ars);
}

export function regionIdOfEstablishment(e: EstablishmentRecord, config: Config): string {
  const regions = instanceRegions(config);
  const named = e.values.region;
  const listed = typeof named === 'string' ? regions.slice(1).find((r) => r.name === named) : undefined;
  return (listed ?? regions[0])?.id ?? '';
}

/**
 * The region an ARS link sees: the one listing its address; a link of the pilot's ARS (or the default « ARS /
 * SESAN » link) sees the pilot's region. Undefined when the instance has one region: the link sees everything.
 */
export function regionIdOfArsLabel(label: string, config: Config): string | undefined {
  const regions = instanceRegions(config);
  if (regions.length === 1) return undefined;
  return (regions.slice(1).find((r) => r.ars.includes(label)) ?? regions[0])?.id;
}
