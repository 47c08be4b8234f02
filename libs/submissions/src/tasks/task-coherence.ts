import { SubmissionsError, SubmissionsErrorCode } from '../submissions.errors';
import { CreateTaskDto } from './dto/create-task.dto';
import { ScorerLayout, SubmissionType, TaskMetric } from './task.enums';

/** The files a task upload may carry. */
export type TaskFile = 'groundTruth' | 'scorer' | 'testInputs' | 'referenceData' | 'privateReferenceData';

const invalid = (message: string) => new SubmissionsError(SubmissionsErrorCode.InvalidTask, message);

/** Rules that span fields and files of a task upload; each failure names the field. */
export function assertCoherent(dto: CreateTaskDto, has: (file: TaskFile) => boolean): void {
  if (!has('groundTruth')) throw invalid('groundTruth: a CSV file is required');
  if (dto.splitColumn !== undefined && dto.publicFraction !== undefined) throw invalid('splitColumn and publicFraction exclude each other');
  if (dto.k !== undefined && dto.metric !== TaskMetric.MapAtK) throw invalid('k applies to map_at_k only');
  if (dto.opensAt && dto.closesAt && dto.closesAt <= dto.opensAt) throw invalid('closesAt must be after opensAt');
  if (dto.metric === TaskMetric.Custom) {
    if (!has('scorer')) throw invalid('scorer: a custom metric needs a scorer file (.zip or a script)');
    if (!dto.scorerCommand && dto.scorerLayout !== ScorerLayout.Codalab) throw invalid('scorerCommand is required for a custom metric');
    if (!dto.scoreKey) throw invalid('scoreKey is required for a custom metric');
    if (dto.higherIsBetter === undefined) throw invalid('higherIsBetter is required for a custom metric');
  } else if (has('scorer') || dto.scorerCommand || dto.scoreKey) {
    throw invalid('scorer, scorerCommand and scoreKey apply to metric "custom" only');
  }
  if (dto.scorerLayout === ScorerLayout.Codalab) {
    if (dto.metric !== TaskMetric.Custom) throw invalid('scorerLayout "codalab" applies to metric "custom" only');
    if (!has('referenceData')) throw invalid("referenceData: the codalab layout needs the organiser's reference files (a .zip, or one file)");
  } else if (has('referenceData') || has('privateReferenceData')) {
    throw invalid('referenceData and privateReferenceData apply to scorerLayout "codalab" only');
  }
  if (dto.submissionType === SubmissionType.Code && !has('testInputs')) throw invalid('testInputs: code submissions need a .zip of hidden inputs');
  if (dto.submissionType !== SubmissionType.Code && has('testInputs')) throw invalid('testInputs applies to submissionType "code" only');
}
