export enum ChallengeState {
  Visible = 'visible',
  Hidden = 'hidden',
}

/** The contract's `type`: a fixed value, or one that decays with solves. */
export enum ChallengeType {
  Standard = 'standard',
  Dynamic = 'dynamic',
}

export enum FlagKind {
  Static = 'static',
  Regex = 'regex',
}
