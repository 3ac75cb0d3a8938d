// Builds the embedded web server (tests call `inject` on it, `suivi-mes serve` calls `listen`): security headers
// with a strict Content-Security-Policy, signed CSRF cookie and tokens bound to the link, urlencoded bodies only
// (bounded), the DSFR served from node_modules, French pages for every refusal, then one plugin per audience, each
// guarding its own routes with its access hook. The dependencies are shared through one decorator.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import fp from 'fastify-plugin';
import { renderToString } from 'preact-render-to-string';
import { frImportRequest, frRequest, frStorage } from '../messages';
import { storageFailure } from '../db/storage-failure';
import { HomePage } from '../pages/home-page';
import { MessagePage } from '../pages/message-page';
import { ansPlugin } from './ans-plugin';
import { registerArsPlugins } from './ars-regions';
import { uploadTooLarge } from './ars-exchange-routes';
import { chromeOf } from './chrome';
import { esPlugin } from './es-plugin';
import { UnknownTokenLimiter } from './link-guard';
import { sendPage } from './render';
import { themeCss } from './theme';
import type { ServerDeps } from './types';

/** Forms are small: the largest (a profile with four contacts, long texts in accented French) stays under this. */
export const FORM_BODY_LIMIT_BYTES = 256 * 1024;
export const URLENCODED = 'application/x-www-form-urlencoded';

const DSFR_DIST = path.join(path.dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist');
const APP_CSS = path.join(__dirname, 'assets', 'app.css');

/** The `_csrf` field of a form: a string in an urlencoded body, `{ value }` in a multipart one (the import). */
function csrfTokenOf(req: { body?: unknown }): string | undefined {
  const body = req.body;
  if (typeof body !== 'object' || body === null || !('_csrf' in body)) return undefined;
  const field: unknown = body._csrf;
  if (typeof field === 'string') return field;
  if (typeof field === 'object' && field !== null && 'value' in field && typeof field.value === 'string')
    return field.value;
  return undefined;
}

/** A key for one purpose, derived from the data folder's secret (cookie signature, CSRF tokens). */
function derivedKey(secret: Buffer, purpose: string): Buffer {
  return crypto.createHmac('sha256', secret).update(`suivi-mes:${purpose}`).digest();
}

/** The one decorator through which every plugin reaches the database, the links, the clock and the mailer. */
const contextPlugin = fp(
  async (app: FastifyInstance, deps: ServerDeps) => {
    app.decorate('suivi', deps);
    app.decorate('unknownTokens', new UnknownTokenLimiter(deps.guessingLimit));
    app.decorateRequest('access', null);
  },
  { name: 'suivi-context' },
);

/** What a POST route expects, for the French « wrong content type » page. */
declare module 'fastify' {
  interface FastifyContextConfig {
    expects?: string;
  }
}

/**
 * An address the router cannot read (bad percent-encoding, a parameter longer than any token) is answered before
 * hooks and error handler: a short French text with its own strict headers, never Fastify's English JSON that
 * echoes the address (and the token in it).
 */
function addressError(error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  void reply
    .code(tooLong ? 404 : 400)
    .type('text/plain; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(tooLong ? frRequest.unknownLink() : frRequest.badAddress());
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: FORM_BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Request lines would carry the link tokens: only errors are logged, with tokens redacted.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    frameworkErrors: addressError,
    // Only the proxy named in SUIVI_MES_TRUST_PROXY may say the page was asked over HTTPS or from which address;
    // anyone else could forge X-Forwarded-Proto.
    trustProxy: fastifyTrustProxy(deps.trustProxy),
  });
  await app.register(contextPlugin, deps);
  guardFolder(app, deps);

  // Only forms: JSON and text bodies get the French 415 page instead of being parsed.
  app.removeAllContentTypeParsers();
  await app.register(formbody, { bodyLimit: FORM_BODY_LIMIT_BYTES });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // Served over plain HTTP on this machine: HSTS is meaningless here and belongs to a TLS proxy in front.
    strictTransportSecurity: false,
  });
  await app.register(cookie, { secret: derivedKey(deps.secret, 'cookie') });
  await app.register(csrfProtection, {
    // Always Secure when the published address is https:// (a TLS proxy in front); otherwise Secure when the
    // request came over HTTPS as the trusted proxy says (X-Forwarded-Proto), not on plain localhost.
    cookieOpts: {
      signed: true,
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: deps.baseUrl.startsWith('https:') ? true : 'auto',
    },
    getUserInfo: (req) => req.access?.link.id ?? '',
    getToken: csrfTokenOf,
    csrfOpts: { hmacKey: derivedKey(deps.secret, 'csrf') },
  });

  await app.register(fastifyStatic, { root: DSFR_DIST, prefix: '/dsfr/', maxAge: '1d', index: false });
  const appCss = fs.readFileSync(APP_CSS, 'utf8');
  const theme = themeCss(deps.project.tracking);
  app.get('/assets/app.css', async (_req, reply) => reply.type('text/css; charset=utf-8').send(appCss));
  app.get('/assets/theme.css', async (_req, reply) => reply.type('text/css; charset=utf-8').send(theme));
  app.get('/favicon.ico', async (_req, reply) => reply.redirect('/dsfr/favicon/favicon.ico', 301));

  app.setErrorHandler((error: FastifyError, req, reply) => {
    const chrome = chromeOf(deps);
    const page = (status: number, title: string, message: string) =>
      sendPage(reply, <MessagePage chrome={chrome} kind="error" title={title} message={message} />, status);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return page(
        413,
        'Envoi trop volumineux',
        // A route may allow more than the default (the RETEX texts form): say its own limit.
        frRequest.bodyTooLarge(Math.round((req.routeOptions.bodyLimit ?? FORM_BODY_LIMIT_BYTES) / 1024)),
      );
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return page(
        415,
        'Type de contenu non accepté',
        frRequest.wrongContentType(req.routeOptions.config.expects ?? URLENCODED),
      );
    if (error.code?.startsWith('FST_CSRF_')) return page(403, 'Formulaire expiré', frRequest.csrf());
    if (error.code === FOLDER_GONE) return sendPage(reply, folderGonePage(deps), 503);
    if (error.code === 'FST_REQ_FILE_TOO_LARGE')
      return page(413, 'Fichier trop volumineux', uploadTooLarge());
    if (malformedMultipart(error, req))
      return page(400, 'Envoi incomplet', frImportRequest.malformedUpload());
    const storage = storageFailure(error);
    if (storage) {
      req.log.error({ err: error, url: redactTokens(req.url) }, 'the data folder refused a write');
      return page(
        503,
        'Enregistrement impossible',
        storage === 'full' ? frStorage.full() : storage === 'busy' ? frStorage.busy() : frStorage.readOnly(),
      );
    }
    const status = error.statusCode ?? 500;
    // A page or a file asked for with a bad address (the static files refuse `..`, NUL…): no form was sent.
    if (status >= 400 && status < 500 && (req.method === 'GET' || req.method === 'HEAD'))
      return page(status, 'Adresse non valide', frRequest.badAddress());
    if (status >= 400 && status < 500)
      return page(status, 'Requête refusée', frRequest.malformedForm(`erreur ${status}`));
    req.log.error({ err: error, url: redactTokens(req.url) }, 'request failed');
    return page(500, 'Erreur du serveur', frRequest.serverError());
  });
  app.setNotFoundHandler((_req, reply) =>
    sendPage(
      reply,
      <MessagePage
        chrome={chromeOf(deps)}
        kind="error"
        title="Page introuvable"
        message={frRequest.notFound()}
      />,
      404,
    ),
  );

  app.get('/', async (_req, reply) =>
    sendPage(reply, <HomePage chrome={chromeOf(deps)} project={deps.project} />),
  );
  await app.register(esPlugin, { prefix: '/es/:token' });
  await registerArsPlugins(app, deps);
  await app.register(ansPlugin, { prefix: '/ans/:token' });
  return app;
}

/** A number of proxies in front becomes proxy-addr's « trust the first N hops » (the type has no number). */
function fastifyTrustProxy(
  trust: ServerDeps['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust ?? false;
}

/**
 * The multipart parser (busboy) throws plain errors, without status, for a body it cannot read: no boundary in the
 * header, a body cut short. They are the client's, not the server's: a 400, not a 500.
 */
function malformedMultipart(error: FastifyError, req: FastifyRequest): boolean {
  const type = req.headers['content-type'] ?? '';
  return (
    error.statusCode === undefined &&
    /^multipart\//i.test(type) &&
    (error.code === 'ERR_STREAM_PREMATURE_CLOSE' ||
      /^Multipart: |unexpected end of (multipart data|form)|terminated early/i.test(error.message))
  );
}

const FOLDER_GONE = 'SUIVI_FOLDER_GONE';
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Never acknowledge a write that is not in the folder the server was started on: a form arriving after the folder
 * was deleted or replaced is refused before anything runs, and a form whose folder vanished while it was being
 * saved gets the same 503 page instead of its « enregistré » redirect.
 */
function guardFolder(app: FastifyInstance, deps: ServerDeps): void {
  const intact = deps.folderIntact;
  if (!intact) return;
  app.addHook('preHandler', async (req) => {
    if (READS.has(req.method) || intact()) return;
    req.log.error({ url: redactTokens(req.url) }, 'the data folder was deleted or replaced');
    throw Object.assign(new Error('data folder deleted or replaced'), { code: FOLDER_GONE, statusCode: 503 });
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (READS.has(req.method) || reply.statusCode >= 400 || intact()) return payload;
    reply
      .code(503)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .removeHeader('location');
    return `<!doctype html>${renderToString(folderGonePage(deps))}`;
  });
}

function folderGonePage(deps: ServerDeps) {
  return (
    <MessagePage
      chrome={chromeOf(deps)}
      kind="error"
      title="Enregistrement impossible"
      message={frStorage.folderGone()}
    />
  );
}

/** A URL as it may appear in a log: the link tokens replaced. */
export function redactTokens(url: string): string {
  return url.replace(/^\/(es|ars|ans)\/[^/?#]+/, '/$1/…');
}
