/**
 * Every identity the engine checked, kept for fix inference to replay a correction against
 * all of them. A 20,000-project sheet checks some 50,000 identities and nearly all hold
 * exactly, so they are kept flat — operand cells, shifts and decimals back to back, no object
 * per identity — and only identities with a difference get a record of their own.
 */
import Decimal from 'decimal.js';
import { Finding } from './findings';
import { Amount } from './model';
import { Outcome } from './rounding';

/** What fixes need of an identity that does not hold exactly. */
export interface OpenIdentity {
  outcome: Outcome;
  /** target − Σ wᵢ·partᵢ as checked. */
  difference: Decimal;
  /**
   * The finding that reports it (none for a float residue read as exact). Held by reference: its id can
   * still change (a line table's error moved to the part to blame, a #n suffix), and one finding can stand
   * for several identities (one error per figure): it is cleared only when all of them hold.
   */
  finding?: Finding;
  /** Its operand figures, target first: what the cells hold, for replaying a correction. */
  operands: Amount[];
}

/** A cell as one number: sheet, row and column (rows < 2²⁰, columns < 2¹⁴, as in Excel). */
export function cellId(sheetId: number, row: number, col: number): number {
  return (sheetId * 1048576 + row) * 16384 + col;
}

export class IdentityLedger {
  /** Operand cells (cellId) of every identity, target first, identity after identity. */
  cells: Float64Array;
  /** How a change δ in the operand moves target − Σ wᵢ·partᵢ: +1 for the target, −wᵢ for part i. */
  shifts: Float64Array;
  /** Decimals each operand shows (the rounding allowance needs them). */
  decimals: Uint8Array;
  /** Operands recorded so far (the arrays above grow by doubling). */
  length = 0;
  /** Identity k's operands are at starts[k] … starts[k + 1] − 1. */
  readonly starts: number[] = [0];
  /** Identities with a difference, by index. */
  readonly open = new Map<number, OpenIdentity>();
  /** Cells that took part converted to another unit: a correction there cannot be replayed simply. */
  readonly converted = new Set<number>();
  private readonly sheetIds = new Map<string, number>();

  /** `capacity`: operands expected (about one per figure read); the arrays grow past it. */
  constructor(
    readonly tolerance?: Decimal,
    capacity = 1024,
  ) {
    const n = Math.max(1024, Math.min(capacity, 1 << 24));
    this.cells = new Float64Array(n);
    this.shifts = new Float64Array(n);
    this.decimals = new Uint8Array(n);
  }

  get size(): number {
    return this.starts.length - 1;
  }

  /** The record of the identity recorded last, when it does not hold exactly. */
  lastOpen(): OpenIdentity | undefined {
    return this.open.get(this.size - 1);
  }

  sheetId(sheet: string): number {
    let id = this.sheetIds.get(sheet);
    if (id === undefined) this.sheetIds.set(sheet, (id = this.sheetIds.size));
    return id;
  }

  cellOf(a: Amount): number {
    return cellId(this.sheetId(a.ref.sheet), a.ref.row, a.ref.col);
  }

  /** Records target = Σ wᵢ·partᵢ as checked on amounts; returns the record kept when it does not hold exactly. */
  record(target: Amount, parts: readonly { amount: Amount; weight?: number }[], open?: Omit<OpenIdentity, 'operands'>): OpenIdentity | undefined {
    this.operand(target, 1);
    for (let i = 0; i < parts.length; i++) this.operand(parts[i].amount, -(parts[i].weight ?? 1));
    const k = this.close();
    if (!open) return undefined;
    const kept: OpenIdentity = { ...open, operands: [target, ...parts.map((p) => p.amount)] };
    this.open.set(k, kept);
    return kept;
  }

  private operand(a: Amount, shift: number): void {
    const cell = this.cellOf(a);
    if (a.source) this.converted.add(cell);
    this.push(cell, shift, a.decimals);
  }

  /** Adds an operand to the identity being recorded (the fast paths record cell by cell). */
  push(cell: number, shift: number, decimals: number): void {
    if (this.length === this.cells.length) this.grow();
    this.cells[this.length] = cell;
    this.shifts[this.length] = shift;
    this.decimals[this.length] = Math.min(255, decimals);
    this.length++;
  }

  /** Ends the identity being recorded; returns its index. */
  close(): number {
    this.starts.push(this.length);
    return this.starts.length - 2;
  }

  private grow(): void {
    const n = this.cells.length * 2;
    const cells = new Float64Array(n);
    cells.set(this.cells);
    const shifts = new Float64Array(n);
    shifts.set(this.shifts);
    const decimals = new Uint8Array(n);
    decimals.set(this.decimals);
    this.cells = cells;
    this.shifts = shifts;
    this.decimals = decimals;
  }
}
