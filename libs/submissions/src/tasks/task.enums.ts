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

/**
 * Where a custom scorer finds its files. `arena`: the scorer unpacked in /job, the split's ground truth as
 * input/ref/truth.csv, the upload as input/res/predictions.csv, output/scores.json. `codalab`: as CodaLab and
 * Codabench run scoring programs (the program in /app/program, the organiser's reference files under their own
 * names in /app/input/ref, the submission in /app/input/res, unzipped when it is a zip, scores.json or scores.txt
 * in /app/output, and the metadata command's $program, $input, $output, $shared and $tmp substituted).
 */
export enum ScorerLayout {
  Arena = 'arena',
  Codalab = 'codalab',
}
