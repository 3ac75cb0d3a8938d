// What the embedded server is built from (its dependencies, injected so tests build it on a temporary database)
// and what an audience plugin knows about the person behind a request. Also declares the decorators Fastify adds.
import type { FastifyServerOptions } from 'fastify';
import type {} from '@fastify/csrf-protection';
import type { EstablishmentRecord } from '../../domain/model';
import type { Project } from '../../schema/project';
import type { Clock } from '../../ports';
import type { AccessLink, AccessLinks } from '../access-links';
import type { GuessingLimit, UnknownTokenLimiter } from './link-guard';
import type { Mailer } from '../mail/mailer';
import type { TrustProxy } from '../server-address';
import type { SqliteStore } from '../db/sqlite-store';

export interface ServerDeps {
  project: Project;
  store: SqliteStore;
  links: AccessLinks;
  /** The data folder's secret key: signs the CSRF cookie and keys CSRF tokens. */
  secret: Buffer;
  clock: Clock;
  mailer: Mailer;
  /**
   * Start of every address printed or mailed, e.g. http://localhost:8080 (no trailing slash). When it is https://
   * (a TLS proxy in front), cookies are always Secure.
   */
  baseUrl: string;
  /** The proxy in front whose X-Forwarded-* headers are believed (Fastify's trustProxy). Default: none. */
  trustProxy?: TrustProxy;
  /** The data folder holds a demo season: pages say so, with the simulated date. */
  demo: boolean;
  /** The data folder; the RETEX files issued from the ARS page are kept under it. Default: the database's folder. */
  dataDir?: string;
  /**
   * The configuration file the project was read from: relative paths in it (the RETEX templates) are resolved
   * from its folder. Default: the repository's suivi.config.json.
   */
  configFile?: string;
  logger?: FastifyServerOptions['logger'];
  /**
   * In an instance following several regions, the ARS pages of a region other than the pilot's keep their RETEX
   * (texts, issued versions) apart under this scope (src/local/server/ars-regions.ts). Absent: the instance's own.
   */
  retexScope?: string;
  /**
   * False once the data folder the server was started on is deleted, moved or replaced: every form is then refused
   * with a 503 and no write is acknowledged (LocalData.intact). Default: always intact.
   */
  folderIntact?: () => boolean;
  /**
   * A listed region of an instance following several regions: the ARS copy keeps this region's accompaniment
   * (binômes, points, actions, committee packs, calendar) apart under this scope. Absent: the instance's own.
   */
  accompanimentScope?: string;
  /** Unknown link tokens a client address may present before it gets 429 pages. Default: 20 per 10 minutes. */
  guessingLimit?: GuessingLimit;
}

/** The holder of a valid link, resolved by the audience plugin's access hook. */
export interface Access {
  link: AccessLink;
  /** Path prefix of every page of this link: /es/<token>, /ars/<token>, /ans/<token>. */
  base: string;
  /** Who appears as author in history: the link's label (an address, « ARS / SESAN »…). */
  author: string;
  /** For an ES link, its establishment. */
  establishment?: EstablishmentRecord;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's dependencies, shared by every plugin (see plugins/context.ts). */
    suivi: ServerDeps;
    /** Unknown link tokens presented per client address (src/local/server/link-guard.ts). */
    unknownTokens: UnknownTokenLimiter;
  }
  interface FastifyRequest {
    access: Access | null;
  }
}
