import { participantReport, SubmissionReport } from './submission-report';

describe('submission reports', () => {
  const report: SubmissionReport = {
    messages: ['your code: memory limit of 128 MiB reached'],
    runs: [{ step: 'code', verdict: 'memory-limit', limit: 'memoryMb', wallMs: 812, memoryPeakBytes: 134217728 }],
    output: [{ step: 'code', stdout: 'hidden input row 1', stderr: 'MemoryError' }],
    organiserMessages: ['row 1 (id "secret"): unknown id'],
  };

  it("should keep only messages and each run's step, verdict and limit when a participant reads it", () => {
    expect(participantReport(report)).toEqual({
      messages: ['your code: memory limit of 128 MiB reached'],
      runs: [{ step: 'code', verdict: 'memory-limit', limit: 'memoryMb' }],
    });
  });

  it('should drop the output kept inside runs when the row was stored before output had its own field', () => {
    const legacy = {
      messages: [],
      runs: [{ step: 'scorer (private)', verdict: 'ok', limit: null, wallMs: 5, memoryPeakBytes: null, stdout: 'score 0.93', stderr: 'truth' }],
    } as unknown as SubmissionReport;
    expect(JSON.stringify(participantReport(legacy))).not.toMatch(/0\.93|truth|wallMs/);
  });
});
