// The routes a built server has, read from Fastify's own route tree (`printRoutes`), so access tests can require a
// case for every route and notice a route added later.
import type { FastifyInstance } from 'fastify';

export interface RouteInfo {
  path: string;
  methods: string[];
}

/** Every route with its methods, e.g. { path: '/es/:token/profil', methods: ['GET', 'HEAD', 'POST'] }. */
export function routesOf(app: FastifyInstance): RouteInfo[] {
  const stack: string[] = [];
  const out: RouteInfo[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    // A route registered with constraints (one ARS plugin per region) ends with them as JSON: ignored here.
    const m = /^(.*?)(?:├── |└── )(\S+)(?: \(([^)]*)\))?(?: \{.*\})?$/.exec(line);
    if (!m) continue;
    const level = (m[1] ?? '').length / 4;
    stack.length = level;
    stack.push(m[2] ?? '');
    if (m[3]) out.push({ path: stack.join('').replace(/^\/\//, '/'), methods: m[3].split(', ') });
  }
  return out;
}
