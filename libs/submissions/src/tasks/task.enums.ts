/** The metrics of scoring.md, plus an organiser's own scorer. */
export enum TaskMetric {
  Accuracy = 'accuracy',
  MacroF1 = 'macro_f1',
  Rmse = 'rmse',
  Mae = 'mae',
  LogLoss = 'log_loss',
  RocAuc = 'roc_auc',
  MapAtK = 'map_at_k',
  Custom = 'custom',
}

/** What teams upload: a prediction CSV, or code that writes one. */
export enum SubmissionType {
  Predictions = 'predictions',
  Code = 'code',
}
