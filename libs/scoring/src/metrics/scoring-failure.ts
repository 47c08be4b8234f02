/** The longest participant-supplied text (an id, a prediction) quoted back in a message. */
const MAX_QUOTED_CHARS = 64;

/**
 * A problem with the content of a file being scored (bad header, bad row, a metric undefined for the data).
 * The submission ends `failed` with this message; anything else thrown while scoring is an infrastructure error.
 * Messages may quote ids and the team's own predictions, never ground-truth values.
 */
export class ScoringFailure extends Error {
  override readonly name = 'ScoringFailure';

  constructor(
    message: string,
    /** The 1-based data row (header excluded) the failure is about, when it is about one. */
    readonly row?: number,
    /** The id of that row, when known. */
    readonly id?: string,
  ) {
    super(message);
  }

  /** A failure about one data row: `row 17 (id "a-17"): <detail>`. */
  static atRow(row: number, id: string, detail: string): ScoringFailure {
    return new ScoringFailure(`row ${row} (id ${quoteValue(id)}): ${detail}`, row, id);
  }
}

/** Quotes participant text for a message: JSON-escaped (control characters visible), cut to a bounded length. */
export function quoteValue(value: string): string {
  const cut = value.length > MAX_QUOTED_CHARS ? `${value.slice(0, MAX_QUOTED_CHARS)}…` : value;
  return JSON.stringify(cut);
}
