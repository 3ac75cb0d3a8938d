// Google calls through the agency's proxy. Node's own fetch ignores HTTPS_PROXY / NO_PROXY, and gaxios' proxy
// agent only reaches a fetch that takes `agent` (node-fetch, which this project does not load): so a request whose
// address the environment sends to a proxy is made here with node:https and https-proxy-agent (HTTP CONNECT), and
// answered as a standard Response; every other request goes to Node's fetch unchanged.
// Conventions followed (curl's, which gaxios and most tools share): HTTPS_PROXY for https:// addresses, HTTP_PROXY
// for http://, lower-case variants accepted; NO_PROXY a comma-separated list of host names (a name also matches
// its sub-domains, a leading dot or `*.` allowed), optional `:port`, or `*` for none.
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { HttpsProxyAgent } from 'https-proxy-agent';

/** The proxy to use for `url` under `env`, or undefined to connect directly. */
export function proxyFor(url: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const target = new URL(url);
  const proxy =
    target.protocol === 'https:'
      ? env.HTTPS_PROXY || env.https_proxy
      : target.protocol === 'http:'
        ? env.HTTP_PROXY || env.http_proxy
        : undefined;
  if (!proxy) return undefined;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const rules = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter((r) => r !== '');
  for (const rule of rules) {
    if (rule === '*') return undefined;
    // `[::1]:8080`, `::1` (an IPv6 address, no port), `host:8080`, `host`.
    const [ruleHost = '', rulePort] = rule.startsWith('[')
      ? rule.slice(1).split(']:')
      : (rule.match(/:/g) ?? []).length > 1
        ? [rule]
        : rule.split(':');
    if (rulePort !== undefined && rulePort !== port) continue;
    const name = ruleHost.replace(/^\*?\./, '').replace(/\]$/, '');
    if (host === name || host.endsWith(`.${name}`)) return undefined;
  }
  return proxy;
}

const agents = new Map<string, HttpsProxyAgent<string>>();

function agentFor(proxy: string): HttpsProxyAgent<string> {
  let agent = agents.get(proxy);
  if (!agent) {
    agent = new HttpsProxyAgent(proxy);
    agents.set(proxy, agent);
  }
  return agent;
}

async function bodyOf(
  init: RequestInit | undefined,
  request: Request | undefined,
): Promise<Readable | Buffer | undefined> {
  const body = init?.body ?? (request ? request.body : undefined);
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  if (body instanceof Readable) return body;
  if (body instanceof ReadableStream)
    return Readable.fromWeb(body as import('node:stream/web').ReadableStream);
  // FormData and other bodies: let a Request serialise them.
  return Buffer.from(await new Response(body as BodyInit).arrayBuffer());
}

/** One request through `proxy` (HTTP CONNECT), as fetch would make it directly. */
async function fetchThroughProxy(
  input: string | URL | Request,
  init: RequestInit | undefined,
  proxy: string,
): Promise<Response> {
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request ? request.url : input.toString());
  const headers = new Headers(request?.headers);
  new Headers(init?.headers).forEach((value, key) => headers.set(key, value));
  const body = await bodyOf(init, request);
  if (Buffer.isBuffer(body)) headers.set('content-length', String(body.length));
  const signal = init?.signal ?? request?.signal;
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    const fail = (cause: unknown) => {
      if (settled) return;
      settled = true;
      // As Node's fetch does: a network failure is a TypeError « fetch failed » whose cause is the system error.
      reject(new TypeError('fetch failed', { cause }));
    };
    const req = lib.request(
      url,
      {
        method: init?.method ?? request?.method ?? 'GET',
        headers: Object.fromEntries(headers.entries()),
        agent: agentFor(proxy),
        signal: signal ?? undefined,
      },
      (res) => {
        if (settled) {
          res.resume();
          return;
        }
        settled = true;
        const responseHeaders = new Headers();
        for (const [key, value] of Object.entries(res.headers)) {
          if (Array.isArray(value)) for (const v of value) responseHeaders.append(key, v);
          else if (value !== undefined) responseHeaders.set(key, value);
        }
        const status = res.statusCode ?? 502;
        const empty = status === 204 || status === 304 || (init?.method ?? request?.method) === 'HEAD';
        if (empty) res.resume();
        resolve(
          new Response(empty ? null : (Readable.toWeb(res) as ReadableStream), {
            status,
            statusText: res.statusMessage,
            headers: responseHeaders,
          }),
        );
      },
    );
    req.once('error', fail);
    // The proxy's own refusal of the tunnel (403 for a blocked host, 407 for missing credentials) is not Google's
    // answer: https-proxy-agent would hand it over as the response, it is reported as the proxy's.
    req.once('proxyConnect', (connect: { statusCode: number }) => {
      if (connect.statusCode === 200) return;
      fail(
        Object.assign(new Error(`proxy answered ${connect.statusCode} to CONNECT ${url.host}`), {
          code: 'PROXY_REFUSED',
          status: connect.statusCode,
          hostname: url.hostname,
        }),
      );
      req.destroy();
    });
    if (body instanceof Readable) body.pipe(req);
    else req.end(body);
  });
}

/** fetch, through the proxy the environment names for this address, if any. */
export function proxiedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = input instanceof Request ? input.url : input.toString();
  const proxy = proxyFor(url);
  return proxy ? fetchThroughProxy(input, init, proxy) : fetch(input, init);
}
