// Where the embedded server listens and the address people use: HOST (default 127.0.0.1, this machine only),
// PORT (default 8080), SUIVI_MES_BASE_URL when a proxy publishes it under another address, SUIVI_MES_TRUST_PROXY
// for which proxy's X-Forwarded-* headers to believe. Read once, validated. See docs/exploitation.md.
import * as z from 'zod';
import { problemsFromZod } from '../schema/zod-issues';

const Env = z.object({
  HOST: z.string().trim().min(1).max(255).default('127.0.0.1'),
  PORT: z.coerce.number().int('numéro de port entier attendu').min(1).max(65535).default(8080),
  SUIVI_MES_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'adresse http(s)://… attendue' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  SUIVI_MES_TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((raw, ctx): TrustProxy => {
      if (raw === undefined || raw === '' || raw === 'false' || raw === 'non') return false;
      if (raw === 'true' || raw === 'oui') return true;
      if (/^\d+$/.test(raw)) return Number(raw);
      const entries = raw.split(',').map((e) => e.trim());
      const bad = entries.find((e) => !PROXY_ENTRY.test(e));
      if (bad !== undefined)
        ctx.addIssue({
          code: 'custom',
          message: `« ${bad} » : adresse IP, réseau (CIDR), loopback, nombre de proxys, true ou false attendu`,
        });
      return entries;
    }),
});

/** What Fastify's trustProxy accepts: no proxy, any, the number of proxies in front, or their addresses. */
export type TrustProxy = boolean | number | string[];

/** An IPv4 or IPv6 address or network, or one of proxy-addr's names. */
const PROXY_ENTRY = /^(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d{1,3})?)$/i;

export interface ServerAddress {
  host: string;
  port: number;
  /** The start of every link, without trailing slash. */
  baseUrl: string;
  /** Whose X-Forwarded-Proto / X-Forwarded-For to believe (Fastify's trustProxy): nobody unless configured. */
  trustProxy: TrustProxy;
}

export function serverAddress(env: NodeJS.ProcessEnv = process.env): ServerAddress {
  const parsed = Env.safeParse(
    {
      HOST: env.HOST || undefined,
      PORT: env.PORT || undefined,
      SUIVI_MES_BASE_URL: env.SUIVI_MES_BASE_URL || undefined,
      SUIVI_MES_TRUST_PROXY: env.SUIVI_MES_TRUST_PROXY || undefined,
    },
    { reportInput: true },
  );
  if (!parsed.success)
    throw new Error(
      `Variables d'environnement invalides : ${problemsFromZod(parsed.error)
        .map((p) => `${p.path} : ${p.message}`)
        .join(' ; ')}`,
    );
  const { HOST: host, PORT: port } = parsed.data;
  const shown = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(host)
    ? 'localhost'
    : host.includes(':')
      ? `[${host}]`
      : host;
  return {
    host,
    port,
    baseUrl: parsed.data.SUIVI_MES_BASE_URL ?? `http://${shown}:${port}`,
    trustProxy: parsed.data.SUIVI_MES_TRUST_PROXY,
  };
}
