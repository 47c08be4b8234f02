import type { components } from '../../api/schema';
import { browserTimeZone, wallTimeToIso } from './zoned-time';

type TaskDto = components['schemas']['TaskDto'];
export type Metric = TaskDto['metric'];

export const METRICS: Metric[] = ['accuracy', 'macro_f1', 'rmse', 'mae', 'log_loss', 'roc_auc', 'map_at_k', 'custom'];
export const SUBMISSION_TYPES: TaskDto['submissionType'][] = ['predictions', 'code'];
export const RUNTIMES = ['python-scientific', 'python'] as const;
export const LAYOUTS: TaskDto['scorerLayout'][] = ['arena', 'codalab'];
export const LIMITS = ['cpuSeconds', 'memoryMb', 'wallSeconds', 'processes'] as const;
export const FILES = ['groundTruth', 'scorer', 'referenceData', 'privateReferenceData', 'testInputs'] as const;

/** Fields the API names in its 400s, each shown next to its input. */
export const TASK_FIELDS = [
  'name',
  'description',
  'metric',
  'k',
  'idColumn',
  'targetColumn',
  'splitColumn',
  'publicFraction',
  'maxDailySubmissions',
  'maxSubmissions',
  'submissionType',
  'runtime',
  'scorerLayout',
  'scorerCommand',
  'scoreKey',
  'higherIsBetter',
  'opensAt',
  'closesAt',
  ...LIMITS.map((limit) => `limits.${limit}`),
  ...FILES,
] as const;

export type TaskFile = (typeof FILES)[number];

/** The task form: numbers as typed (empty: the API's default), times as wall clocks of `timeZone`. */
export interface TaskFormValues {
  name: string;
  description: string;
  metric: Metric;
  k: number | string;
  idColumn: string;
  targetColumn: string;
  split: 'column' | 'fraction';
  splitColumn: string;
  publicFraction: number | string;
  maxDailySubmissions: number | string;
  maxSubmissions: number | string;
  submissionType: TaskDto['submissionType'];
  runtime: (typeof RUNTIMES)[number];
  scorerLayout: TaskDto['scorerLayout'];
  scorerCommand: string;
  scoreKey: string;
  higherIsBetter: boolean;
  timeZone: string;
  opensAt: string;
  closesAt: string;
  limits: Record<(typeof LIMITS)[number], number | string>;
  files: Partial<Record<TaskFile, File | null>>;
}

export function initialTaskValues(): TaskFormValues {
  return {
    name: '',
    description: '',
    metric: 'accuracy',
    k: '',
    idColumn: 'id',
    targetColumn: '',
    split: 'column',
    splitColumn: 'usage',
    publicFraction: '',
    maxDailySubmissions: 5,
    maxSubmissions: '',
    submissionType: 'predictions',
    runtime: 'python-scientific',
    scorerLayout: 'arena',
    scorerCommand: '',
    scoreKey: '',
    higherIsBetter: true,
    timeZone: browserTimeZone(),
    opensAt: '',
    closesAt: '',
    limits: { cpuSeconds: '', memoryMb: '', wallSeconds: '', processes: '' },
    files: {},
  };
}

/** Whether the task runs programs in the sandbox (a custom scorer or code submissions): its run limits apply. */
export const sandboxed = (values: TaskFormValues) => values.metric === 'custom' || values.submissionType === 'code';

const filled = (value: number | string) => String(value).trim() !== '';

/**
 * The multipart form of POST /events/:slug/tasks. Fields that do not apply to the chosen metric, layout or type are left
 * out (the API refuses them); a time that does not parse is sent as typed, so the API names it.
 */
export function toTaskForm(values: TaskFormValues): FormData {
  const form = new FormData();
  const add = (name: string, value: number | string | boolean) => form.append(name, String(value));
  const custom = values.metric === 'custom';
  add('name', values.name.trim());
  if (values.description.trim()) add('description', values.description);
  add('metric', values.metric);
  if (values.metric === 'map_at_k' && filled(values.k)) add('k', values.k);
  add('idColumn', values.idColumn.trim());
  add('targetColumn', values.targetColumn.trim());
  if (values.split === 'column') add('splitColumn', values.splitColumn.trim());
  else if (filled(values.publicFraction)) add('publicFraction', values.publicFraction);
  if (filled(values.maxDailySubmissions)) add('maxDailySubmissions', values.maxDailySubmissions);
  if (filled(values.maxSubmissions)) add('maxSubmissions', values.maxSubmissions);
  add('submissionType', values.submissionType);
  if (sandboxed(values)) {
    add('runtime', values.runtime);
    const limits = Object.fromEntries(LIMITS.filter((limit) => filled(values.limits[limit])).map((limit) => [limit, Number(values.limits[limit])]));
    if (Object.keys(limits).length > 0) add('limits', JSON.stringify(limits));
  }
  if (custom) {
    add('scorerLayout', values.scorerLayout);
    if (values.scorerCommand.trim()) add('scorerCommand', values.scorerCommand.trim());
    if (values.scoreKey.trim()) add('scoreKey', values.scoreKey.trim());
    add('higherIsBetter', values.higherIsBetter);
  }
  for (const field of ['opensAt', 'closesAt'] as const) {
    if (values[field].trim()) add(field, wallTimeToIso(values[field], values.timeZone) ?? values[field]);
  }
  const files: TaskFile[] = ['groundTruth', ...(custom ? (['scorer'] as const) : []), ...(values.submissionType === 'code' ? (['testInputs'] as const) : [])];
  if (custom && values.scorerLayout === 'codalab') files.push('referenceData', 'privateReferenceData');
  for (const name of files) {
    const file = values.files[name];
    if (file) form.append(name, file, file.name);
  }
  return form;
}

/** The API's messages by field: "groundTruth: …", "closesAt must …", "limits.cpuSeconds must …"; the rest apart. */
export function taskErrors(messages: string | string[] | undefined): { byField: Record<string, string>; rest: string[] } {
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  for (const message of [messages ?? []].flat()) {
    const subject = message.replace(/^each of /, '');
    // Longest first: "limits.cpuSeconds" before "limits", "scorerCommand" before "scorer".
    const field = [...TASK_FIELDS].sort((a, b) => b.length - a.length).find((name) => new RegExp(`^${name.replace('.', '\\.')}[ .:]`).test(subject));
    if (field && !byField[field]) byField[field] = message;
    else rest.push(message);
  }
  return { byField, rest };
}
