export enum AttemptVerdict {
  Correct = 'correct',
  Incorrect = 'incorrect',
  AlreadySolved = 'already_solved',
}
