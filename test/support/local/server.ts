// A local server on a temporary data folder, for HTTP-level tests through `inject`: the real data files, the real
// SQLite store, a fixed clock, the outbox mailer. Helpers read a page's CSRF token and post forms with its cookie.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { demoMoment } from '../../../src/local/demo';
import { openLocalData, type LocalData } from '../../../src/local/local-data';
import { OutboxMailer } from '../../../src/local/mail/mailer';
import { seedNationalDemo } from '../../../src/local/national-demo';
import { buildServer } from '../../../src/local/server/build-server';
import type { ServerDeps } from '../../../src/local/server/types';
import type { Project } from '../../../src/schema/project';
import type { Role } from '../../../src/schema/tracking-file';
import { defaultProject, FixedClock } from '../project';
import { hiddenValue } from './html';

export interface TestServer {
  app: FastifyInstance;
  data: LocalData;
  deps: ServerDeps;
  clock: FixedClock;
  dir: string;
  /** Path of the active link of a role (and establishment, for ES). */
  link(role: Role, establishmentId?: string): string;
  get(url: string): Promise<LightMyRequestResponse>;
  /** GETs a page, then posts `fields` to `action` with the page's CSRF token and cookie. */
  submit(page: string, action: string, fields: Array<[string, string]>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export const CSRF_FIELD = /name="_csrf" value="([^"]+)"/;

export function csrfOf(html: string): string {
  const m = CSRF_FIELD.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token in page');
  return m[1];
}

export function cookieHeader(res: LightMyRequestResponse): string {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/**
 * The basis the page's form for `action` carries (the one for the same row and column, for a cell editor), as a
 * browser would post it with the rest of the form; nothing when `fields` bring their own (a test of an outdated
 * form) or the form has none.
 */
export function basisFromPage(
  html: string,
  action: string,
  fields: Array<[string, string]>,
): Array<[string, string]> {
  if (fields.some(([name]) => name === 'basis')) return [];
  const markers = [`action="${action}"`];
  for (const name of ['row_key', 'column_id']) {
    const value = fields.find(([n]) => n === name)?.[1];
    if (value !== undefined) markers.push(`name="${name}" value="${value}"`);
  }
  const basis = hiddenValue(html, 'basis', markers);
  return basis === undefined ? [] : [['basis', basis]];
}

export function formPayload(fields: Array<[string, string]>): string {
  return new URLSearchParams(fields).toString();
}

export async function startTestServer(
  now = '2022-06-10T10:00:00+02:00',
  overrides: Partial<Pick<ServerDeps, 'baseUrl' | 'trustProxy'>> = {},
): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-server-'));
  const project = defaultProject();
  const { data } = openLocalData(dir, project);
  const clock = new FixedClock(new Date(now));
  const deps: ServerDeps = {
    project,
    store: data.store,
    links: data.links,
    secret: data.secret,
    clock,
    mailer: new OutboxMailer(data.outboxDir, undefined, () => clock.now()),
    baseUrl: 'http://localhost:8080',
    demo: false,
    dataDir: dir,
    folderIntact: data.intact,
    ...overrides,
  };
  const app = await buildServer(deps);
  const link = (role: Role, establishmentId?: string) => {
    const found = data.links
      .active()
      .find(
        (l) => l.role === role && (establishmentId === undefined || l.establishmentId === establishmentId),
      );
    if (!found) throw new Error(`no ${role} link`);
    return data.links.path(found);
  };
  return {
    app,
    data,
    deps,
    clock,
    dir,
    link,
    get: (url) => app.inject({ method: 'GET', url }),
    async submit(page, action, fields) {
      const res = await app.inject({ method: 'GET', url: page });
      return app.inject({
        method: 'POST',
        url: action,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(res) },
        payload: formPayload([
          ['_csrf', csrfOf(res.body)],
          ...basisFromPage(res.body, action, fields),
          ...fields,
        ]),
      });
    },
    async close() {
      await app.close();
      data.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The server `suivi-mes serve` builds on a data folder the test opened itself (the folder's clock and outbox). */
export function serverOnData(
  data: LocalData,
  project: Project,
  dir: string,
  demo: boolean,
): Promise<FastifyInstance> {
  return buildServer({
    project,
    store: data.store,
    links: data.links,
    secret: data.secret,
    clock: data.clock,
    mailer: new OutboxMailer(data.outboxDir, undefined, () => data.clock.now()),
    baseUrl: 'http://localhost:8080',
    demo,
    dataDir: dir,
  });
}

export interface NationalDemoServer {
  dir: string;
  data: LocalData;
  app: FastifyInstance;
  /** Path of the ANS link. */
  ans: string;
  close(): Promise<void>;
}

/** The national demonstration (every region seeded, at the demo's moment) served on a temporary data folder. */
export async function startNationalDemoServer(prefix: string): Promise<NationalDemoServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const project = defaultProject();
  const { data } = openLocalData(dir, project, { demoNow: demoMoment(project.config).now });
  seedNationalDemo(data, project);
  const app = await serverOnData(data, project, dir, true);
  const link = data.links.active().find((l) => l.role === 'ans');
  if (!link) throw new Error('no ANS link');
  return {
    dir,
    data,
    app,
    ans: data.links.path(link),
    close: async () => {
      await app.close();
      data.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
