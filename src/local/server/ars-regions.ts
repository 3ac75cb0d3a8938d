// The ARS audience in an instance following several regions: the ARS plugin is registered once per region, each
// copy seeing a store scoped to its region (src/local/db/region-scoped-store.ts), and a route constraint sends each
// /ars/<token> request to the copy of the link's region. The plugin itself is unchanged; with one region it is
// registered once, exactly as before.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { instanceRegions, regionIdOfArsLabel, regionIdOfEstablishment } from '../../domain/region-scope';
import { RegionScopedStore } from '../db/region-scoped-store';
import { arsPlugin } from './ars-plugin';
import { tokenInCopiedText } from './link-guard';
import type { ServerDeps } from './types';

const CONSTRAINT = 'arsRegion';
const PREFIX = '/ars/:token';

/** The region of the ARS link a request names; requests with no valid ARS link go to the first region's copy. */
function regionOfRequest(deps: ServerDeps, url: string, fallback: string): string | undefined {
  const m = /^\/ars\/([^/?#]*)/.exec(url);
  if (!m) return undefined;
  let raw: string;
  try {
    raw = decodeURIComponent(m[1] ?? '');
  } catch {
    return fallback;
  }
  let found = deps.links.resolve(raw);
  if (found.status === 'unknown') {
    const copied = tokenInCopiedText(raw);
    if (copied) found = deps.links.resolve(copied);
  }
  if (found.status === 'unknown' || found.link.role !== 'ars') return fallback;
  return regionIdOfArsLabel(found.link.label, deps.project.config) ?? fallback;
}

export async function registerArsPlugins(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const regions = instanceRegions(deps.project.config);
  if (regions.length === 1) {
    await app.register(arsPlugin, { prefix: PREFIX });
    return;
  }
  const fallback = regions[0]?.id ?? '';
  app.addConstraintStrategy({
    name: CONSTRAINT,
    storage: () => {
      const handlers = new Map<string, unknown>();
      return {
        get: (value: string) => (handlers.get(value) ?? null) as never,
        set: (value: string, handler: unknown) => {
          handlers.set(value, handler);
        },
      };
    },
    // Fastify hands the raw request (IncomingMessage) here, before routing.
    deriveConstraint: (req: { url?: string }) => regionOfRequest(deps, req.url ?? '', fallback),
    mustMatchWhenDerived: true,
  });
  for (const region of regions) {
    await app.register(async (scoped) => {
      const store = new RegionScopedStore(
        deps.store.db,
        (e) => regionIdOfEstablishment(e, deps.project.config) === region.id,
      );
      // This context's own dependencies: the same server, the region's store.
      // The pilot's region keeps the instance's RETEX as before; another region has its own RETEX tables and files.
      const own = region.id === fallback;
      const dataDir = deps.dataDir ?? path.dirname(deps.store.db.name);
      scoped.suivi = {
        ...deps,
        store,
        ...(own
          ? {}
          : {
              retexScope: region.id,
              accompanimentScope: region.id,
              dataDir: path.join(dataDir, 'regions', region.id),
            }),
      };
      scoped.addHook('onRoute', (route) => {
        route.constraints = { ...route.constraints, [CONSTRAINT]: region.id };
      });
      await scoped.register(arsPlugin, { prefix: PREFIX });
    });
  }
}
