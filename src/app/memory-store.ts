// An in-memory Store: the reference the store contract suite is written against, the snapshot the REST runtime
// loads before running a use case, and the store of unit tests. A throwing transaction restores the state it
// started from.
import type { IsoWeek } from '../domain/iso-week';
import type { RowLedger } from '../domain/ledger';
import {
  parseRowKey,
  type CellChange,
  type EstablishmentRecord,
  type JournalEntry,
  type ReportVersion,
  type RowKey,
} from '../domain/model';
import type { Values } from '../domain/values';
import type { Store } from '../ports';

export interface MemoryState {
  establishments: EstablishmentRecord[];
  versions: ReportVersion[];
  ledgers: Map<RowKey, RowLedger>;
  submissions: Set<string>;
  annotations: Map<RowKey, Values>;
  changes: CellChange[];
  journal: JournalEntry[];
}

export function emptyMemoryState(): MemoryState {
  return {
    establishments: [],
    versions: [],
    ledgers: new Map(),
    submissions: new Set(),
    annotations: new Map(),
    changes: [],
    journal: [],
  };
}

/** What a transaction needs to undo itself: append-only lists are truncated back, the rest is copied. */
interface Checkpoint {
  establishments: EstablishmentRecord[];
  versions: number;
  ledgers: Map<RowKey, RowLedger>;
  submissions: Set<string>;
  annotations: Map<RowKey, Values>;
  changes: number;
  journal: number;
}

function checkpoint(s: MemoryState): Checkpoint {
  return {
    establishments: structuredCloneSafe(s.establishments),
    versions: s.versions.length,
    ledgers: new Map(s.ledgers),
    submissions: new Set(s.submissions),
    annotations: new Map(s.annotations),
    changes: s.changes.length,
    journal: s.journal.length,
  };
}

function restore(s: MemoryState, c: Checkpoint): void {
  s.establishments = c.establishments;
  s.versions.length = c.versions;
  s.ledgers = c.ledgers;
  s.submissions = c.submissions;
  s.annotations = c.annotations;
  s.changes.length = c.changes;
  s.journal.length = c.journal;
}

// Establishments are mutated in place by recordCellChange; the rest is append-only or replaced whole.
function structuredCloneSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class MemoryStore implements Store {
  private depth = 0;
  constructor(public state: MemoryState = emptyMemoryState()) {}

  transaction<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    const before = checkpoint(this.state);
    this.depth += 1;
    try {
      return fn();
    } catch (error) {
      restore(this.state, before);
      throw error;
    } finally {
      this.depth -= 1;
    }
  }

  listEstablishments(): EstablishmentRecord[] {
    return structuredCloneSafe(this.state.establishments);
  }

  getEstablishment(id: string): EstablishmentRecord | undefined {
    const found = this.state.establishments.find((e) => e.id === id);
    return found ? structuredCloneSafe(found) : undefined;
  }

  saveEstablishment(establishment: EstablishmentRecord): void {
    const copy = structuredCloneSafe(establishment);
    const i = this.state.establishments.findIndex((e) => e.id === establishment.id);
    if (i >= 0) this.state.establishments[i] = copy;
    else this.state.establishments.push(copy);
  }

  hasSubmission(submissionId: string): boolean {
    return this.state.submissions.has(submissionId);
  }

  rowLedger(key: RowKey): RowLedger {
    return this.state.ledgers.get(key) ?? [];
  }

  reportVersion(key: RowKey, week: IsoWeek): ReportVersion | undefined {
    let best: ReportVersion | undefined;
    for (const v of this.state.versions)
      if (v.rowKey === key && v.week === week && (!best || v.version > best.version)) best = v;
    return best;
  }

  recordReport(version: ReportVersion, ledger: RowLedger, _current: boolean): void {
    this.state.versions.push(version);
    this.state.ledgers.set(version.rowKey, ledger);
    this.state.submissions.add(version.submissionId);
  }

  recordRefusal(submissionId: string): void {
    this.state.submissions.add(submissionId);
  }

  listReportVersions(): ReportVersion[] {
    return [...this.state.versions];
  }

  annotations(key: RowKey): Values {
    return this.state.annotations.get(key) ?? {};
  }

  recordCellChange(change: CellChange): void {
    this.state.changes.push(change);
    if (change.scope === 'annotation') {
      this.state.annotations.set(change.target, {
        ...this.annotations(change.target),
        [change.columnId]: change.value,
      });
      return;
    }
    const row = change.scope === 'useCase' ? parseRowKey(change.target) : undefined;
    const establishment = this.state.establishments.find(
      (e) => e.id === (row ? row.establishmentId : change.target),
    );
    if (!establishment) throw new Error(`No establishment for change target ${change.target}`);
    if (change.scope === 'establishment') {
      establishment.values = { ...establishment.values, [change.columnId]: change.value };
      return;
    }
    const useCase = establishment.useCases.find((u) => u.id === row?.useCaseId);
    if (!useCase) throw new Error(`No use case for change target ${change.target}`);
    useCase.values = { ...useCase.values, [change.columnId]: change.value };
  }

  listCellChanges(): CellChange[] {
    return [...this.state.changes];
  }

  appendJournal(entry: JournalEntry): void {
    this.state.journal.push(entry);
  }

  listJournal(): JournalEntry[] {
    return [...this.state.journal];
  }
}
