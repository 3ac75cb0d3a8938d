// The accompaniment of each establishment, as the launch deck describes it: a binôme ARS / SESAN per ES, a
// « Point de suivi par ES » about every 15 days with its actions, and what follows from them (overdue points, late
// actions, the text of « Actions en cours ou à mener », the contact « référent GRADeS et ARS »). Records are plain
// JSON-able objects, read back through the zod schemas below by every runtime. Pure and synchronous.
import { normalisePhone } from './field-rules';
import * as z from 'zod';
import { Officer, BinomeId, type AccompanimentSettings } from '../schema/accompaniment';
import { fr } from './messages';
import { findPatientData } from './patient-data';
import type { RecordEntry } from './values';

export const ACTION_OWNERS = ['es', 'ars', 'sesan'] as const;
export type ActionOwner = (typeof ACTION_OWNERS)[number];
export const ACTION_OWNER_LABELS: Record<ActionOwner, string> = {
  es: 'Établissement',
  ars: 'ARS',
  sesan: 'SESAN',
};
export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'en cours',
  done: 'faite',
  dropped: 'abandonnée',
};

const IsoDateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Instant = z.string().min(1);
const Author = z.string();
const RoleText = z.enum(['es', 'ars', 'ans', 'system']);

export const BinomeSchema = z.strictObject({
  id: BinomeId,
  label: z.string().optional(),
  ars: Officer,
  sesan: Officer,
  /** Last change: who and when (earlier versions stay in the store's history). */
  at: Instant,
  author: Author,
});
export type Binome = z.infer<typeof BinomeSchema>;

export const BinomeAssignmentSchema = z.strictObject({
  establishmentId: z.string().min(1),
  /** null: no binôme any more. */
  binomeId: BinomeId.nullable(),
  at: Instant,
  author: Author,
});
export type BinomeAssignment = z.infer<typeof BinomeAssignmentSchema>;

export const FollowUpPointSchema = z.strictObject({
  id: z.string().min(1),
  establishmentId: z.string().min(1),
  date: IsoDateText,
  participants: z.string(),
  summary: z.string(),
  decisions: z.string(),
  nextDate: IsoDateText.nullable(),
  at: Instant,
  author: Author,
});
export type FollowUpPoint = z.infer<typeof FollowUpPointSchema>;

export const ActionStatusChangeSchema = z.strictObject({
  status: z.enum(ACTION_STATUSES),
  at: Instant,
  author: Author,
  role: RoleText,
  comment: z.string(),
});
export type ActionStatusChange = z.infer<typeof ActionStatusChangeSchema>;

export const FollowUpActionSchema = z.strictObject({
  id: z.string().min(1),
  establishmentId: z.string().min(1),
  pointId: z.string().min(1),
  text: z.string().min(1),
  owner: z.enum(ACTION_OWNERS),
  dueDate: IsoDateText,
  status: z.enum(ACTION_STATUSES),
  /** Every status the action had, oldest first (the first is its creation, open). */
  history: z.array(ActionStatusChangeSchema).min(1),
  /** 1 at creation, +1 on each change: a write based on an older version is refused (no lost update). */
  version: z.int().min(1),
});
export type FollowUpAction = z.infer<typeof FollowUpActionSchema>;

/** A French refusal naming the field of the form it is about. */
export interface AccompanimentError {
  field: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

/** `2022-06-14` from `2022-06-14` or `14/06/2022`; undefined when it is not a real date. */
export function parseDayText(text: string): string | undefined {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : french
      ? [Number(french[3]), Number(french[2]), Number(french[1])]
      : [NaN, NaN, NaN];
  if (!Number.isFinite(y)) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return date.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 14/06/2022 */
export function frenchDay(isoDate: string): string {
  return isoDate.split('-').reverse().join('/');
}

// ---------------------------------------------------------------------------------------------------------------
// Validation of what the ARS types for a point, and of an ES closing its action

export const POINT_TEXT_MAX = 5000;
export const ACTION_TEXT_MAX = 500;
export const COMMENT_MAX = 1000;

export interface RawAction {
  text?: string;
  owner?: string;
  dueDate?: string;
}

export interface RawPoint {
  date?: string;
  participants?: string;
  summary?: string;
  decisions?: string;
  nextDate?: string;
  actions?: readonly RawAction[];
}

export interface ValidPoint {
  date: string;
  participants: string;
  summary: string;
  decisions: string;
  nextDate: string | null;
  actions: Array<{ text: string; owner: ActionOwner; dueDate: string }>;
}

/** Refuses patient identifiers and over-long texts, with the messages the weekly form uses. */
function checkText(
  errors: AccompanimentError[],
  field: string,
  label: string,
  text: string,
  max: number,
): void {
  if (text.length > max)
    errors.push({ field, message: `« ${label} » : au plus ${max} caractères (${text.length} saisis).` });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text))
    errors.push({ field, message: `« ${label} » : caractères de contrôle non acceptés.` });
  const finding = findPatientData(text);
  if (finding === 'identifier') errors.push({ field, message: fr.patientIdentifier(label) });
  if (finding === 'birthDate') errors.push({ field, message: fr.patientBirthDate(label) });
}

/** Lines that are empty on every field are ignored: the page shows a few blank action lines. */
function isBlank(a: RawAction): boolean {
  return !a.text?.trim() && !a.dueDate?.trim();
}

export function validatePoint(
  raw: RawPoint,
): { ok: true; point: ValidPoint } | { ok: false; errors: AccompanimentError[] } {
  const errors: AccompanimentError[] = [];
  const date = parseDayText(raw.date ?? '');
  if (!raw.date?.trim()) errors.push({ field: 'date', message: fr.required('Date du point') });
  else if (!date) errors.push({ field: 'date', message: fr.notADate('Date du point', raw.date) });
  const participants = (raw.participants ?? '').trim();
  const summary = (raw.summary ?? '').trim();
  const decisions = (raw.decisions ?? '').trim();
  checkText(errors, 'participants', 'Participants', participants, 1000);
  if (!summary) errors.push({ field: 'summary', message: fr.required('Compte rendu') });
  checkText(errors, 'summary', 'Compte rendu', summary, POINT_TEXT_MAX);
  checkText(errors, 'decisions', 'Décisions', decisions, POINT_TEXT_MAX);
  let nextDate: string | null = null;
  if (raw.nextDate?.trim()) {
    const parsed = parseDayText(raw.nextDate);
    if (!parsed)
      errors.push({ field: 'nextDate', message: fr.notADate('Date du prochain point', raw.nextDate) });
    else if (date && parsed <= date)
      errors.push({
        field: 'nextDate',
        message: `« Date du prochain point » : doit être après la date du point (${frenchDay(date)}).`,
      });
    else nextDate = parsed;
  }
  const actions: ValidPoint['actions'] = [];
  (raw.actions ?? []).forEach((a, i) => {
    if (isBlank(a)) return;
    const n = i + 1;
    const text = (a.text ?? '').trim();
    if (!text)
      errors.push({
        field: `action.${i}.text`,
        message: `Action ${n} : le texte de l’action est obligatoire.`,
      });
    checkText(errors, `action.${i}.text`, `Action ${n}`, text, ACTION_TEXT_MAX);
    const owner = ACTION_OWNERS.find((o) => o === a.owner);
    if (!owner)
      errors.push({
        field: `action.${i}.owner`,
        message: `Action ${n} : porteur attendu parmi Établissement, ARS, SESAN.`,
      });
    const due = parseDayText(a.dueDate ?? '');
    if (!a.dueDate?.trim())
      errors.push({ field: `action.${i}.dueDate`, message: `Action ${n} : l’échéance est obligatoire.` });
    else if (!due)
      errors.push({
        field: `action.${i}.dueDate`,
        message: `Action ${n} : échéance attendue au format JJ/MM/AAAA.`,
      });
    else if (date && due < date)
      errors.push({
        field: `action.${i}.dueDate`,
        message: `Action ${n} : l’échéance (${frenchDay(due)}) est avant la date du point (${frenchDay(date)}).`,
      });
    if (text && owner && due) actions.push({ text, owner, dueDate: due });
  });
  if (errors.length > 0 || !date) return { ok: false, errors };
  return { ok: true, point: { date, participants, summary, decisions, nextDate, actions } };
}

/** The refusals of one free text: too long, control characters, patient data. */
export function textErrors(field: string, label: string, text: string, max: number): AccompanimentError[] {
  const errors: AccompanimentError[] = [];
  checkText(errors, field, label, text, max);
  return errors;
}

export function validateComment(comment: string): AccompanimentError[] {
  const errors: AccompanimentError[] = [];
  checkText(errors, 'comment', 'Commentaire', comment.trim(), COMMENT_MAX);
  return errors;
}

// ---------------------------------------------------------------------------------------------------------------
// What follows from the records

/** The binôme of each establishment: the latest assignment wins. */
export function currentAssignments(assignments: readonly BinomeAssignment[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of assignments) {
    if (a.binomeId === null) out.delete(a.establishmentId);
    else out.set(a.establishmentId, a.binomeId);
  }
  return out;
}

/** The latest version of each binôme (the store keeps every version, oldest first). */
export function currentBinomes(binomes: readonly Binome[]): Binome[] {
  const byId = new Map<string, Binome>();
  for (const b of binomes) byId.set(b.id, b);
  return [...byId.values()];
}

export function binomeLabel(b: Binome): string {
  return b.label?.trim() || `${b.ars.name} (ARS) / ${b.sesan.name} (SESAN)`;
}

/**
 * The « Contact référent GRADeS et ARS » entries a binôme gives (the column's record fields). The column asks for a
 * valid phone number in every entry, so an officer whose phone is unknown or unreadable is left out: a derived cell must pass the
 * column's own rule, or the ARS's export would be refused when imported back.
 */
export function binomeContact(b: Binome): RecordEntry[] {
  const entry = (o: Officer, role: string): RecordEntry => {
    const [first, ...rest] = o.name.split(/\s+/);
    return {
      last_name: rest.length > 0 ? rest.join(' ') : o.name,
      first_name: rest.length > 0 ? (first ?? '') : '',
      email: o.email,
      role: o.role ?? role,
      phone: normalisePhone(o.phone ?? '') ?? '',
    };
  };
  const officers: Array<[Officer, string]> = [
    [b.ars, 'Référent ARS'],
    [b.sesan, 'Référent GRADeS (SESAN)'],
  ];
  return officers
    .filter(([o]) => normalisePhone(o.phone ?? '') !== undefined)
    .map(([o, role]) => entry(o, role));
}

function sameEntries(a: unknown, b: readonly RecordEntry[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether the contact cell follows the binôme: empty, or still what the previous binôme gave. A value the ARS
 * wrote by hand is kept.
 */
export function contactFollowsBinome(current: unknown, previous: Binome | undefined): boolean {
  if (current === null || current === undefined || current === '') return true;
  if (Array.isArray(current) && current.length === 0) return true;
  return previous !== undefined && sameEntries(current, binomeContact(previous));
}

export function isOpen(a: FollowUpAction): boolean {
  return a.status === 'open';
}

/** An open action whose due date is before today. */
export function isLate(a: FollowUpAction, today: string): boolean {
  return a.status === 'open' && a.dueDate < today;
}

/** The point that counts for an establishment: the latest by date (then by recording). */
export function lastPoint(
  points: readonly FollowUpPoint[],
  establishmentId: string,
): FollowUpPoint | undefined {
  return points
    .filter((p) => p.establishmentId === establishmentId)
    .reduce<FollowUpPoint | undefined>(
      (best, p) => (!best || p.date > best.date || (p.date === best.date && p.at >= best.at) ? p : best),
      undefined,
    );
}

/** When the next point is due: the date the last point set, else its date plus the cadence, else the launch. */
export function nextPointDue(
  last: FollowUpPoint | undefined,
  settings: Pick<AccompanimentSettings, 'pointCadenceDays'>,
  firstDate: string,
): string {
  if (!last) return addDays(firstDate, settings.pointCadenceDays);
  return last.nextDate ?? addDays(last.date, settings.pointCadenceDays);
}

/** An open action as the tracking row and the ES's weekly form list it. */
export function actionLine(a: FollowUpAction): string {
  return `• ${a.text} (${ACTION_OWNER_LABELS[a.owner]}, échéance ${frenchDay(a.dueDate)})`;
}

/** The text of « Actions en cours ou à mener »: one line per open action. */
export function actionsCellText(actions: readonly FollowUpAction[]): string {
  return actions
    .filter(isOpen)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id))
    .map(actionLine)
    .join('\n');
}

/** The next status change of an action, refused when it changes nothing or comes from the wrong role. */
export function planStatusChange(
  action: FollowUpAction,
  change: { status: ActionStatus; role: 'es' | 'ars' | 'ans'; establishmentId?: string; comment: string },
  at: string,
  author: string,
): { ok: true; action: FollowUpAction } | { ok: false; errors: AccompanimentError[] } {
  if (change.role === 'ans')
    return { ok: false, errors: [{ field: 'status', message: 'Seule l’ARS / SESAN suit les actions.' }] };
  if (change.role === 'es') {
    if (action.establishmentId !== change.establishmentId || action.owner !== 'es')
      return {
        ok: false,
        errors: [{ field: 'status', message: 'Cette action n’est pas portée par votre établissement.' }],
      };
    if (change.status !== 'done')
      return {
        ok: false,
        errors: [
          { field: 'status', message: 'L’établissement peut seulement indiquer qu’une action est faite.' },
        ],
      };
  }
  if (action.status === change.status)
    return {
      ok: false,
      errors: [{ field: 'status', message: `Cette action est déjà ${ACTION_STATUS_LABELS[change.status]}.` }],
    };
  const errors = validateComment(change.comment);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    action: {
      ...action,
      status: change.status,
      version: action.version + 1,
      history: [
        ...action.history,
        { status: change.status, at, author, role: change.role, comment: change.comment.trim() },
      ],
    },
  };
}
