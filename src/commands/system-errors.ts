// The one translation of the system's errors for the command line: a file or folder that is missing or forbidden,
// a port taken, a database held by another process or damaged, a network or proxy that fails (Node's « fetch
// failed » and its cause). Each becomes a French sentence saying what happened and what to do; an error we wrote
// ourselves (already French) passes through unchanged. The English original stays for DEBUG=1.
import { isBusy } from '../local/db/write-transaction';

interface SystemError {
  code?: unknown;
  path?: unknown;
  syscall?: unknown;
  hostname?: unknown;
  address?: unknown;
  port?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The error and its causes, outermost first (at most a few levels: causes may loop). */
function chain(error: unknown): SystemError[] {
  const out: SystemError[] = [];
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && out.length < 6) {
    out.push(current as SystemError);
    current = (current as SystemError).cause;
  }
  return out;
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

const proxyHint = (env: NodeJS.ProcessEnv) => {
  const proxy = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  return proxy
    ? ` Le proxy configuré (HTTPS_PROXY=${proxy.replace(/\/\/[^@/]*@/, '//…@')}) est-il joignable et accepte-t-il la connexion ? Vérifiez aussi NO_PROXY.`
    : ' Vérifiez la connexion du poste ; derrière le proxy de l’agence, définissez HTTPS_PROXY (voir docs/exploitation.md).';
};

function network(e: SystemError, env: NodeJS.ProcessEnv): string | undefined {
  const code = str(e.code);
  const where =
    str(e.hostname) ??
    (str(e.address) ? `${str(e.address)}${str(e.port) ? `:${str(e.port)}` : ''}` : undefined);
  const at = where ? ` (${where})` : '';
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Adresse introuvable${at} : pas de réseau, ou le nom ne peut pas être résolu.${proxyHint(env)}`;
    case 'ECONNREFUSED':
      return `Connexion refusée${at} : le service ou le proxy ne répond pas à cette adresse.${proxyHint(env)}`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return `La connexion a été coupée${at} pendant l'échange.${proxyHint(env)} Puis relancez la commande.`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
      return `Pas de réponse à temps${at} : réseau lent ou bloqué.${proxyHint(env)}`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `Réseau inaccessible${at} : ce poste n'est pas connecté.${proxyHint(env)}`;
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'CERT_HAS_EXPIRED':
      return `Le certificat présenté${at} n'est pas reconnu (${code}) : si le proxy de l'agence inspecte les connexions, donnez son certificat à Node avec NODE_EXTRA_CA_CERTS=chemin/du/certificat.pem.`;
    case 'PROXY_REFUSED':
      return `Le proxy a refusé la connexion${at}.${proxyHint(env)}`;
    default:
      return undefined;
  }
}

function files(e: SystemError): string | undefined {
  const code = str(e.code);
  const p = str(e.path);
  const subject = p ? `« ${p} »` : 'Le fichier ou le dossier';
  switch (code) {
    case 'ENOENT':
      return `${subject} : introuvable. Vérifiez le chemin (--data, --config, le fichier donné).`;
    case 'ENOTDIR':
      return `${subject} : une partie du chemin est un fichier, pas un dossier. Vérifiez le chemin.`;
    case 'EISDIR':
      return `${subject} est un dossier : un fichier est attendu.`;
    case 'EACCES':
    case 'EPERM':
      return str(e.syscall) === 'listen'
        ? `Ce port est réservé (au-dessous de 1024, il faut des droits d'administration) : choisissez-en un autre avec PORT.`
        : `${subject} : accès refusé. Donnez les droits à l'utilisateur qui lance suivi-mes, ou choisissez un autre chemin.`;
    case 'EROFS':
      return `${subject} : le disque est en lecture seule. Choisissez un dossier sur un disque où l'on peut écrire.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `${subject} : le disque est plein. Libérez de la place, puis relancez la commande.`;
    case 'EMFILE':
    case 'ENFILE':
      return `Trop de fichiers ouverts sur ce poste : fermez des programmes, puis relancez la commande.`;
    case 'EADDRINUSE':
      return `Le port ${str(e.port) ?? ''} est déjà pris par un autre programme : arrêtez-le, ou choisissez un autre port avec PORT.`;
    case 'EADDRNOTAVAIL':
      return `L'adresse d'écoute n'appartient pas à ce poste : corrigez HOST.`;
    default:
      return undefined;
  }
}

function database(e: SystemError): string | undefined {
  const code = str(e.code) ?? '';
  if (isBusy(e))
    return `Le dossier de données est resté occupé par un autre programme (le serveur, un import, une sauvegarde) : rien n'a été modifié. Relancez la commande dans un moment.`;
  if (/^SQLITE_(NOTADB|CORRUPT)/.test(code))
    return `La base de données du dossier est abîmée ou n'en est pas une : rien n'a été modifié. Restaurez la dernière sauvegarde (suivi-mes restore, voir docs/exploitation.md).`;
  if (/^SQLITE_CANTOPEN/.test(code))
    return `La base de données ne peut pas être ouverte : vérifiez que le dossier de données existe et que l'utilisateur a le droit d'y écrire.`;
  if (/^SQLITE_(READONLY|PERM)/.test(code))
    return `La base de données est en lecture seule : donnez les droits d'écriture sur le dossier de données à l'utilisateur qui lance suivi-mes.`;
  if (/^SQLITE_(FULL|IOERR)/.test(code))
    return `Le disque du dossier de données est plein ou en erreur : libérez de la place, puis relancez la commande.`;
  return undefined;
}

/** The French sentence for a system error (or one caused by it), or undefined for an error that is already ours. */
export function frSystemError(error: unknown, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const links = chain(error);
  const top = links[0];
  if (!top) return undefined;
  // An error of ours carries a French message and, at most, the system error as its cause: keep it.
  if ('userMessage' in top) return undefined;
  const ownCode = str(top.code);
  const fetchFailed =
    str(top.message) === 'fetch failed' || /^request to .* failed, reason:/.test(str(top.message) ?? '');
  if (ownCode === undefined && !fetchFailed) return undefined;
  for (const e of links) {
    const said = network(e, env) ?? files(e) ?? database(e);
    if (said) return said;
  }
  return fetchFailed ? `La connexion au service a échoué.${proxyHint(env)}` : undefined;
}
