import { QueueName } from './queue-name.enum';

/** Job names per queue; a processor switches on these exhaustively. */
export enum SubmissionChecksJob {
  /** Runs the check pipeline of one submission. */
  Check = 'check',
}

export enum LeaderboardsJob {
  /** Recomputes and publishes one event's standings. */
  Recompute = 'recompute',
}

export enum ProjectChecksJob {
  /** Runs the organiser's check command on a project's archive in the sandbox. */
  Check = 'check',
}

export enum AdChecksJob {
  /** Runs one tick of one team's service: check, put, get, then the tick's status. */
  Run = 'run',
}

/** Payloads carry ids and small scalars only; handlers re-read state from PostgreSQL. */
export interface JobPayloads {
  [QueueName.SubmissionChecks]: {
    [SubmissionChecksJob.Check]: {
      /** The submission to check. */
      submissionId: string;
    };
  };
  [QueueName.ProjectChecks]: {
    [ProjectChecksJob.Check]: {
      /** The project whose current archive to check. */
      projectId: string;
      /** The archive checked, by blob key (a newer upload makes this job moot). */
      blobKey: string;
    };
  };
  [QueueName.AdChecks]: {
    [AdChecksJob.Run]: {
      /** The attack-defence event. */
      eventId: string;
      /** The tick (1-based). */
      tick: number;
      /** The team whose vulnbox is checked. */
      teamId: string;
      /** The service checked. */
      serviceId: string;
    };
  };
  [QueueName.Leaderboards]: {
    [LeaderboardsJob.Recompute]: {
      /** The event whose standings changed. */
      eventId: string;
    };
  };
}

/** Deterministic job ids (BullMQ rejects ':'), so a second enqueue of the same work is a no-op. */
export const jobIds = {
  check: (submissionId: string) => `check_${submissionId}`,
  leaderboard: (eventId: string) => `leaderboard_${eventId}`,
  adRun: (eventId: string, tick: number, teamId: string, serviceId: string) => `ad-run_${eventId}_${tick}_${teamId}_${serviceId}`,
  projectCheck: (projectId: string, blobKey: string) => `project-check_${projectId}_${blobKey.replace('/', '-')}`,
};
