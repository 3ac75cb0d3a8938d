// How the server meets a link token it does not know. Two cases: a real link copied with what followed it in the
// mail (a full stop, a comma, a closing parenthesis or quote, « > », a space encoded as %20), which is cleaned and
// redirected to; and guessing, slowed by a budget of unknown tokens per client address.
//
// Decision: only unknown tokens spend the budget (a valid or replaced link never does), but once an address has
// spent it, every link it asks for is answered 429 until its window ends, valid ones included, without looking the
// token up: were valid tokens still served, the answer would tell a guesser when he hits, and the limit would slow
// nothing. A person who mistyped twenty links in ten minutes waits at most ten minutes. Behind a proxy, the client
// address is the proxy's unless the server trusts it: see docs/fiabilite-securite.md.
import { TOKEN_PATTERN } from '../access-links';

/** Length of a link token (32 bytes in base64url). */
const TOKEN_LENGTH = 43;

// What a mail, a chat or a word processor leaves after a link: punctuation, closing brackets and quotes, spaces
// (decoded from %20 by the router, or still encoded when the address was encoded twice), HTML entities of an
// HTML mail copied as text.
const TRAILING_JUNK =
  /^(?:[\s\u00A0\u202F.,;:!?)\]}>»”"'’`*]|&gt;|&quot;|&#39;|&nbsp;|%20|%22|%27|%29|%3e|%3b|%2c|%c2%a0|%c2%bb)+$/iu;

/**
 * The token a copied link was meant to carry: the first 43 characters when they have a token's shape and only
 * trailing punctuation follows them; undefined when the text is a token already or is no such copy.
 */
export function tokenInCopiedText(text: string): string | undefined {
  if (text.length <= TOKEN_LENGTH) return undefined;
  const token = text.slice(0, TOKEN_LENGTH);
  if (!TOKEN_PATTERN.test(token) || !TRAILING_JUNK.test(text.slice(TOKEN_LENGTH))) return undefined;
  return token;
}

/** Unknown tokens an address may present per window, and the window. */
export interface GuessingLimit {
  unknownTokens: number;
  windowMs: number;
}

export const DEFAULT_GUESSING_LIMIT: GuessingLimit = { unknownTokens: 20, windowMs: 10 * 60 * 1000 };
/** Addresses remembered at most: a flood from many addresses cannot grow the server's memory without bound. */
const MAX_ADDRESSES = 10_000;

interface Budget {
  since: number;
  unknown: number;
}

/** In memory, per server process: a restart forgets every count (guessing 2^256 tokens stays hopeless). */
export class UnknownTokenLimiter {
  private readonly budgets = new Map<string, Budget>();

  constructor(private readonly limit: GuessingLimit = DEFAULT_GUESSING_LIMIT) {}

  private current(address: string, nowMs: number): Budget | undefined {
    const budget = this.budgets.get(address);
    if (budget && nowMs - budget.since >= this.limit.windowMs) {
      this.budgets.delete(address);
      return undefined;
    }
    return budget;
  }

  /** Whether the address has spent its budget: every link it asks for gets 429 until `retryAfterMs`. */
  blocked(address: string, nowMs: number): boolean {
    const budget = this.current(address, nowMs);
    return budget !== undefined && budget.unknown >= this.limit.unknownTokens;
  }

  /** Milliseconds until the address's window ends (for the Retry-After header). */
  retryAfterMs(address: string, nowMs: number): number {
    const budget = this.current(address, nowMs);
    return budget ? Math.max(0, budget.since + this.limit.windowMs - nowMs) : 0;
  }

  recordUnknown(address: string, nowMs: number): void {
    const budget = this.current(address, nowMs);
    if (budget) {
      budget.unknown += 1;
      return;
    }
    if (this.budgets.size >= MAX_ADDRESSES) this.forgetExpired(nowMs);
    // Still full: forget the oldest window (a Map iterates in insertion order).
    if (this.budgets.size >= MAX_ADDRESSES) {
      const oldest = this.budgets.keys().next();
      if (!oldest.done) this.budgets.delete(oldest.value);
    }
    this.budgets.set(address, { since: nowMs, unknown: 1 });
  }

  private forgetExpired(nowMs: number): void {
    for (const [address, budget] of this.budgets)
      if (nowMs - budget.since >= this.limit.windowMs) this.budgets.delete(address);
  }
}
