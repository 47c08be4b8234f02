import { BundlePhase, BundlePlan, BundleRef, CompetitionReader, Doc, isMapping, READ_PHASE_V1, READ_PHASE_V2, READ_TASK_V2, READ_V1, READ_V2 } from './competition-bundle';

interface Column {
  key: string;
  order: number;
  higherIsBetter: boolean;
}

/** `asc` ranks lower first; CodaLab and Codabench default to `desc`. */
function direction(reader: CompetitionReader, value: unknown, key: string): boolean {
  if (value === undefined || value === null) return true;
  if (value === 'asc' || value === 'desc') return value === 'desc';
  reader.problem(`${key} must be asc or desc, not ${JSON.stringify(value)}`);
  return true;
}

/** CodaLab v1.5: `phases` keyed by number, `leaderboard.columns` keyed by score key with `rank` and `sort`. */
function v1(reader: CompetitionReader, doc: Doc): { phases: Array<BundlePhase & { source: Doc; key: string }>; columns: Column[] } {
  const raw = doc.phases;
  const entries: Array<[string, unknown]> = Array.isArray(raw) ? raw.map((phase, index) => [String(index), phase]) : isMapping(raw) ? Object.entries(raw) : [];
  const phases = entries.flatMap(([name, phase]) => {
    const key = `phases.${name}`;
    if (!isMapping(phase)) {
      reader.problem(`${key} must be a mapping`);
      return [];
    }
    reader.unused(phase, READ_PHASE_V1, `${key}.`);
    const order = reader.count(phase.phasenumber, `${key}.phasenumber`) ?? Number(name);
    return [
      {
        key,
        source: phase,
        order,
        name: reader.string(phase.label, `${key}.label`) ?? `phase ${name}`,
        scoringProgram:
          phase.scoring_program === undefined ? (reader.problem(`${key}.scoring_program is missing`), null) : reader.ref(phase.scoring_program, `${key}.scoring_program`),
        referenceData: phase.reference_data === undefined ? (reader.problem(`${key}.reference_data is missing`), null) : reader.ref(phase.reference_data, `${key}.reference_data`),
        startsAt: reader.date(phase.start_date, `${key}.start_date`),
        endsAt: null as Date | null,
      },
    ];
  });
  phases.sort((a, b) => a.order - b.order);
  // A phase ends when the next one starts; the last at the competition's end_date.
  phases.forEach((phase, index) => (phase.endsAt = phases[index + 1]?.startsAt ?? reader.date(doc.end_date, 'end_date')));
  const board = isMapping(doc.leaderboard) ? doc.leaderboard : null;
  if (!board) reader.problem('leaderboard is missing: Arena ranks by its first column');
  const columnsDoc = board && isMapping(board.columns) ? board.columns : null;
  if (board && !columnsDoc) reader.problem('leaderboard.columns is missing');
  const columns = Object.entries(columnsDoc ?? {}).flatMap(([key, column], index) => {
    if (!isMapping(column)) return (reader.problem(`leaderboard.columns.${key} must be a mapping`), []);
    return [
      {
        key,
        order: reader.count(column.rank, `leaderboard.columns.${key}.rank`) ?? 1000 + index,
        higherIsBetter: direction(reader, column.sort, `leaderboard.columns.${key}.sort`),
      },
    ];
  });
  return { phases, columns };
}

/** Codabench v2: `phases` list pointing at `tasks`, which hold the scoring program and reference data; `leaderboards` list. */
function v2(reader: CompetitionReader, doc: Doc): { phases: Array<BundlePhase & { source: Doc; key: string }>; columns: Column[] } {
  const tasks = new Map<number, Doc>();
  (Array.isArray(doc.tasks) ? doc.tasks : []).forEach((task, position) => {
    if (!isMapping(task)) return reader.problem(`tasks[${position}] must be a mapping`);
    reader.unused(task, READ_TASK_V2, `tasks[${position}].`);
    tasks.set(reader.count(task.index, `tasks[${position}].index`) ?? position, task);
  });
  const raw = Array.isArray(doc.phases) ? doc.phases : [];
  if (!Array.isArray(doc.phases)) reader.problem('phases must be a list');
  const phases = raw.flatMap((phase, position) => {
    const key = `phases[${position}]`;
    if (!isMapping(phase)) return (reader.problem(`${key} must be a mapping`), []);
    reader.unused(phase, READ_PHASE_V2, `${key}.`);
    const indexes = Array.isArray(phase.tasks) ? phase.tasks : [];
    if (indexes.length === 0) reader.problem(`${key}.tasks names no task (its scoring program and reference data)`);
    if (indexes.length > 1) reader.warn(`${key} has ${indexes.length} tasks: Arena imports its first (${String(indexes[0])})`);
    const task = indexes.length ? tasks.get(Number(indexes[0])) : undefined;
    if (indexes.length && !task) reader.problem(`${key}.tasks: no task with index ${String(indexes[0])}`);
    const taskKey = `tasks[${String(indexes[0])}]`;
    return [
      {
        key,
        source: phase,
        order: reader.count(phase.index, `${key}.index`) ?? position,
        name: reader.string(phase.name, `${key}.name`) ?? `phase ${position + 1}`,
        scoringProgram: task
          ? task.scoring_program === undefined
            ? (reader.problem(`${taskKey}.scoring_program is missing`), null)
            : reader.ref(task.scoring_program, `${taskKey}.scoring_program`)
          : null,
        referenceData: task
          ? task.reference_data === undefined
            ? (reader.problem(`${taskKey}.reference_data is missing`), null)
            : reader.ref(task.reference_data, `${taskKey}.reference_data`)
          : null,
        startsAt: reader.date(phase.start, `${key}.start`),
        endsAt: reader.date(phase.end, `${key}.end`),
      },
    ];
  });
  phases.sort((a, b) => a.order - b.order);
  const boards = Array.isArray(doc.leaderboards) ? doc.leaderboards : Array.isArray(doc.leaderboard) ? doc.leaderboard : [];
  if (boards.length === 0) reader.problem('leaderboards is missing: Arena ranks by its primary column');
  if (boards.length > 1) reader.warn(`${boards.length} leaderboards: Arena uses the first`);
  const board = isMapping(boards[0]) ? boards[0] : {};
  const list = Array.isArray(board.columns) ? board.columns : [];
  if (boards.length && list.length === 0) reader.problem('leaderboards[0].columns is missing');
  const primary = reader.count(board.primary_index, 'leaderboards[0].primary_index');
  const columns = list.flatMap((column, position) => {
    const key = `leaderboards[0].columns[${position}]`;
    if (!isMapping(column)) return (reader.problem(`${key} must be a mapping`), []);
    const name = reader.string(column.key, `${key}.key`);
    if (!name) return (reader.problem(`${key}.key is missing`), []);
    if (column.computation !== undefined && column.computation !== null)
      reader.warn(`${key}.computation (${JSON.stringify(column.computation)}) is not used: Arena ranks each phase by the key the scorer writes`);
    const index = reader.count(column.index, `${key}.index`) ?? position;
    return [{ key: name, order: primary !== null && index === primary ? -1 : index, higherIsBetter: direction(reader, column.sorting, `${key}.sorting`) }];
  });
  return { phases, columns };
}

/** Maps a parsed competition.yaml onto one Arena task; `problems` lists everything that stops the import. */
export function planCompetition(doc: Doc, files: Set<string>, base: string): BundlePlan {
  const reader = new CompetitionReader(files, base);
  const version = doc.version === undefined || doc.version === null ? 1 : Number(doc.version);
  if (version !== 1 && version !== 2) reader.problem(`version ${JSON.stringify(doc.version)} is not a CodaLab (1) or Codabench (2) bundle`);
  const read = version === 2 ? READ_V2 : READ_V1;
  reader.unused(doc, read, '');
  const { phases, columns } = version === 2 ? v2(reader, doc) : v1(reader, doc);
  if (phases.length === 0) reader.problem('phases: the bundle has no phase');
  const first = phases[0];
  const last = phases[phases.length - 1];
  if (phases.length === 1) reader.warn(`one phase (${first.name}): the public and private boards score the same reference data`);
  for (const skipped of phases.slice(1, -1))
    reader.warn(`${skipped.key} (${skipped.name}) is not imported: Arena maps the first phase onto the public board and the last onto the private one`);
  columns.sort((a, b) => a.order - b.order);
  if (columns.length > 0 && columns.length !== new Set(columns.map((column) => column.key)).size) reader.problem('leaderboard columns repeat a key');
  const limit = (name: 'max_submissions_per_day' | 'max_submissions') => {
    const values = [first, last].filter(Boolean).map((phase) => reader.count(phase.source[name], `${phase.key}.${name}`));
    if (values.length === 2 && values[0] !== values[1]) reader.warn(`${name} differs between phases: Arena applies the first phase's (${values[0] ?? 'none'}) to the whole task`);
    return values[0] ?? null;
  };
  const wall = first ? reader.count(first.source.execution_time_limit, `${first.key}.execution_time_limit`) : null;
  const startingKit = first && first.source.starting_kit !== undefined ? reader.ref(first.source.starting_kit, `${first.key}.starting_kit`) : null;
  const empty: BundlePhase = { name: '', scoringProgram: null, referenceData: null, startsAt: null, endsAt: null };
  return {
    version: version === 2 ? 2 : 1,
    title: reader.string(doc.title, 'title') ?? (reader.problem('title is missing'), ''),
    description: reader.string(doc.description, 'description') ?? '',
    public: first ?? empty,
    private: last ?? empty,
    scoreKey: columns[0]?.key ?? '',
    higherIsBetter: columns[0]?.higherIsBetter ?? true,
    columns: columns.map((column) => column.key),
    maxDailySubmissions: first ? limit('max_submissions_per_day') : null,
    maxSubmissions: first ? limit('max_submissions') : null,
    wallSeconds: wall,
    startingKit,
    warnings: reader.warnings,
    problems: reader.problems,
  };
}

export type { BundleRef };
