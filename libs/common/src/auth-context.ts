/** Platform roles; an organiser of one event is event staff, not necessarily a platform organizer. */
export enum PlatformRole {
  Admin = 'admin',
  Organizer = 'organizer',
  User = 'user',
}

/** The authenticated caller, taken from the access token; services take it first. */
export interface AuthContext {
  /** The user's id. */
  userId: string;
  /** The platform role at the time the access token was issued. */
  role: PlatformRole;
}
