/** Contest kinds; each plugs its own submissions and standings into the shared core. */
export enum EventKind {
  Ctf = 'ctf',
  Ad = 'ad',
  Ai = 'ai',
  Hackathon = 'hackathon',
}

export enum ApprovalMode {
  Auto = 'auto',
  Manual = 'manual',
}

export enum LeaderboardVisibility {
  Public = 'public',
  Participants = 'participants',
  Organisers = 'organisers',
}

export enum StaffRole {
  Organizer = 'organizer',
  Judge = 'judge',
}
