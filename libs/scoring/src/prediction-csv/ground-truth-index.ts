import { Split } from './fraction-split';

const PUBLIC = 0;

/**
 * The organiser's ground truth, held compactly for scoring: id → row index in a Map, targets in an array,
 * splits in a byte array (0 public, 1 private). Built by `readGroundTruth`; read-only afterwards.
 */
export class GroundTruthIndex {
  private readonly publicRows: number;

  constructor(
    /** The columns a prediction file must have (exactly these two). */
    readonly columns: { readonly idColumn: string; readonly targetColumn: string },
    private readonly indexById: ReadonlyMap<string, number>,
    private readonly targets: readonly string[],
    private readonly splits: Uint8Array,
  ) {
    let publicRows = 0;
    for (let i = 0; i < splits.length; i++) if (splits[i] === PUBLIC) publicRows++;
    this.publicRows = publicRows;
  }

  /** Number of data rows. */
  get size(): number {
    return this.targets.length;
  }

  /** Number of rows in a split, or in all when no split is given. */
  count(split?: Split): number {
    if (split === undefined) return this.size;
    return split === 'public' ? this.publicRows : this.size - this.publicRows;
  }

  /** The 0-based index of an id (its ground-truth data row is index + 1), undefined when unknown. */
  indexOf(id: string): number | undefined {
    return this.indexById.get(id);
  }

  targetAt(index: number): string {
    return this.targets[index];
  }

  splitAt(index: number): Split {
    return this.splits[index] === PUBLIC ? 'public' : 'private';
  }

  /** The ids with their 0-based index, in ground-truth order. */
  ids(): IterableIterator<[string, number]> {
    return this.indexById.entries();
  }

  /** The rows of a split (all when none is given) in ground-truth order, e.g. to write a custom scorer's `input/ref`. */
  *rows(split?: Split): Generator<{ id: string; target: string }> {
    for (const [id, index] of this.indexById) {
      if (split === undefined || this.splitAt(index) === split) yield { id, target: this.targets[index] };
    }
  }
}
