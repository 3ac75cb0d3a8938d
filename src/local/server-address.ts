// Where the embedded server listens and the address people use: HOST (default 127.0.0.1, this machine only),
// PORT (default 8080), SUIVI_MES_BASE_URL when a proxy publishes it under another address. Read once, validated.
import * as z from 'zod';
import { problemsFromZod } from '../schema/zod-issues';

const Env = z.object({
  HOST: z.string().trim().min(1).max(255).default('127.0.0.1'),
  PORT: z.coerce.number().int('numéro de port entier attendu').min(1).max(65535).default(8080),
  SUIVI_MES_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'adresse http(s)://… attendue' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
});

export interface ServerAddress {
  host: string;
  port: number;
  /** The start of every link, without trailing slash. */
  baseUrl: string;
}

export function serverAddress(env: NodeJS.ProcessEnv = process.env): ServerAddress {
  const parsed = Env.safeParse(
    {
      HOST: env.HOST || undefined,
      PORT: env.PORT || undefined,
      SUIVI_MES_BASE_URL: env.SUIVI_MES_BASE_URL || undefined,
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
  return { host, port, baseUrl: parsed.data.SUIVI_MES_BASE_URL ?? `http://${shown}:${port}` };
}
