// An AccompanimentStore in memory, for tests, the demo in memory and the contract every runtime's store must
// meet. Records are copied in and out (JSON round trip, as every runtime stores them), so a caller never shares an object with the store.
import type { Binome, BinomeAssignment, FollowUpAction, FollowUpPoint } from '../domain/accompaniment';
import type { CommitteeIssue, CommitteeText } from '../domain/committee';
import { StaleRecordError, type AccompanimentStore } from '../ports';

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class MemoryAccompanimentStore implements AccompanimentStore {
  private readonly binomes: Binome[] = [];
  private readonly assignments: BinomeAssignment[] = [];
  private readonly points: FollowUpPoint[] = [];
  private readonly actions = new Map<string, FollowUpAction>();
  private readonly texts: CommitteeText[] = [];
  private readonly issues: CommitteeIssue[] = [];

  listBinomes(): Binome[] {
    return clone(this.binomes);
  }
  saveBinome(binome: Binome): void {
    this.binomes.push(clone(binome));
  }
  listAssignments(): BinomeAssignment[] {
    return clone(this.assignments);
  }
  assignBinome(assignment: BinomeAssignment): void {
    this.assignments.push(clone(assignment));
  }
  listPoints(): FollowUpPoint[] {
    return clone(this.points);
  }
  addPoint(point: FollowUpPoint): void {
    if (this.points.some((p) => p.id === point.id)) throw new Error(`Point ${point.id} already recorded`);
    this.points.push(clone(point));
  }
  listActions(): FollowUpAction[] {
    return clone([...this.actions.values()]);
  }
  saveAction(action: FollowUpAction): void {
    const stored = this.actions.get(action.id);
    if ((stored?.version ?? 0) !== action.version - 1) throw new StaleRecordError(action.id);
    this.actions.set(action.id, clone(action));
  }
  listCommitteeTexts(): CommitteeText[] {
    return clone(this.texts);
  }
  saveCommitteeText(text: CommitteeText): void {
    this.texts.push(clone(text));
  }
  listCommitteeIssues(month?: string): CommitteeIssue[] {
    return clone(this.issues.filter((i) => month === undefined || i.month === month));
  }
  recordCommitteeIssue(issue: CommitteeIssue): void {
    if (this.issues.some((i) => i.label === issue.label))
      throw new Error(`Committee pack ${issue.label} is already issued`);
    this.issues.push(clone(issue));
  }
}
