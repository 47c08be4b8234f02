export enum TeamRole {
  Captain = 'captain',
  Member = 'member',
}
