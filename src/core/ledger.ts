/**
 * Every identity the engine checked, kept for fix inference to replay a correction against
 * all of them. A 20,000-project sheet checks some 50,000 identities and nearly all hold
 * exactly, so they are kept flat — operand figures and their shifts back to back, no object
 * per identity — and only identities with a difference get a record of their own.
 */
import Decimal from 'decimal.js';
import { Amount } from './model';
import { Outcome } from './rounding';

/** What fixes need of an identity that does not hold exactly. */
export interface OpenIdentity {
  outcome: Outcome;
  /** target − Σ wᵢ·partᵢ as checked. */
  difference: Decimal;
  /** The finding it produced (none for a float residue read as exact). */
  findingId?: string;
}

export class IdentityLedger {
  /** Operand figures of every identity, target first, identity after identity. */
  readonly amounts: Amount[] = [];
  /** How a change δ in the operand moves target − Σ wᵢ·partᵢ: +1 for the target, −wᵢ for part i. */
  readonly shifts: number[] = [];
  /** Identity k's operands are amounts[starts[k]] … amounts[starts[k + 1] − 1]. */
  readonly starts: number[] = [0];
  /** Identities with a difference, by index. */
  readonly open = new Map<number, OpenIdentity>();

  constructor(readonly tolerance?: Decimal) {}

  get size(): number {
    return this.starts.length - 1;
  }

  /** Records target = Σ wᵢ·partᵢ as checked; returns the identity's index. */
  record(target: Amount, parts: readonly { amount: Amount; weight?: number }[], open?: OpenIdentity): number {
    this.amounts.push(target);
    this.shifts.push(1);
    for (let i = 0; i < parts.length; i++) {
      this.amounts.push(parts[i].amount);
      this.shifts.push(-(parts[i].weight ?? 1));
    }
    this.starts.push(this.amounts.length);
    const k = this.starts.length - 2;
    if (open) this.open.set(k, open);
    return k;
  }
}
