// The parts of the page frame that come from the project and the clock: service name, region, demo banner.
import { formatParisDateTime } from '../../domain/paris-time';
import type { Chrome } from '../pages/layout';
import type { ServerDeps } from './types';

export function chromeOf(deps: ServerDeps): Chrome {
  const { pilot } = deps.project.config;
  return {
    service: {
      name: `Suivi des ${pilot.name.charAt(0).toLowerCase()}${pilot.name.slice(1)}`,
      tagline: pilot.region,
    },
    demoNow: deps.demo ? formatParisDateTime(deps.clock.now()) : undefined,
  };
}
