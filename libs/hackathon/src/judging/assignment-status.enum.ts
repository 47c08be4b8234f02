export enum AssignmentStatus {
  Active = 'active',
  /** The judge stepped back (with a reason) or declared a conflict; the organiser may reassign. */
  Recused = 'recused',
}
