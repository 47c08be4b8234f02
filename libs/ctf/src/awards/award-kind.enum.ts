export enum AwardKind {
  /** Granted or taken by an organiser, with a reason. */
  Manual = 'manual',
  /** The cost of a hint unlock (negative). */
  Hint = 'hint',
}
