// What a write was based on: a fingerprint of each value the user saw, taken by the core from the record when the
// form (or cell editor, or RETEX text) was shown, and carried back with the write. A write whose basis no longer
// matches the record is refused (src/app: STALE_WRITE), so that a form opened before someone else's change can
// never silently revert it. The basis is computed from the values, so every store keeps what it already keeps and
// the check is the same in every runtime. Pure, synchronous, no crypto module (Apps Script has none).
import type { FieldValue, Values } from './values';

/**
 * Opaque text carried by a form (hidden field `basis`): `b1:` then `fieldId=fingerprint` pairs joined by `;`. A field
 * id is a column id, or whatever the use case names its fields by (never with `;` or `=`).
 */
export type WriteBasis = string;

/** The name of the hidden form field that carries a basis, the same on every page. */
export const BASIS_FIELD = 'basis';

const PREFIX = 'b1:';

/**
 * 32-bit FNV-1a of the value's JSON, as 8 hex digits: two values sameValue() calls equal share their fingerprint
 * (both use JSON), and a change goes unnoticed only if both values collide, about one chance in four billion.
 */
export function fingerprint(value: FieldValue | undefined): string {
  const text = JSON.stringify(value ?? null);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The basis of a write on `columnIds`, from the values the user is shown. */
export function basisOf(values: Values, columnIds: readonly string[]): WriteBasis {
  return PREFIX + columnIds.map((id) => `${id}=${fingerprint(values[id])}`).join(';');
}

/** Reads a basis back; undefined when it is not one (a forged or truncated field). */
export function readBasis(basis: string): Map<string, string> | undefined {
  if (!basis.startsWith(PREFIX)) return undefined;
  const body = basis.slice(PREFIX.length);
  const pairs = new Map<string, string>();
  if (body === '') return pairs;
  for (const part of body.split(';')) {
    const match = /^([^;=]+)=([0-9a-f]{8})$/.exec(part);
    if (!match?.[1] || !match[2]) return undefined;
    pairs.set(match[1], match[2]);
  }
  return pairs;
}

export type BasisCheck = { ok: true } | { ok: false; changed: string[] } | { ok: false; unreadable: true };

/**
 * Compares a basis with the values the record holds now. `changed` lists, in the basis's order, the fields whose
 * value is no longer the one the user saw. Fields the basis does not name are not checked: a write only claims what
 * it was shown. `only`: the fields this write touches, when a form's basis covers more (one RETEX section of a page
 * of sections, saved one by one); a field of `only` the basis does not name is a forged basis.
 */
export function checkBasis(basis: WriteBasis, current: Values, only?: readonly string[]): BasisCheck {
  const pairs = readBasis(basis);
  if (!pairs || (only && !only.every((id) => pairs.has(id)))) return { ok: false, unreadable: true };
  const checked = only ? [...pairs].filter(([id]) => only.includes(id)) : [...pairs];
  const changed = checked.filter(([id, fp]) => fingerprint(current[id]) !== fp).map(([id]) => id);
  return changed.length === 0 ? { ok: true } : { ok: false, changed };
}
