export enum RegistrationStatus {
  Approved = 'approved',
  Pending = 'pending',
  Waitlisted = 'waitlisted',
  Rejected = 'rejected',
}
