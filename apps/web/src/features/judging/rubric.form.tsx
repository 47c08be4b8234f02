import { Alert, Button, Group, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { TFunction } from 'i18next';
import { FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { settingsKey } from '../hackathon/hackathon.queries';
import { apiErrorOf, Criterion, ScoreSet, useSaveScores } from './judging.queries';
import { clearDraft, draftKey, readDraft, RubricDraft, writeDraft } from './rubric-draft';

type Marks = Record<string, number | string>;

/** What is wrong with one mark, or undefined: missing, not a number, or outside the criterion's range. */
function markProblem(mark: number | string | undefined, criterion: Criterion, t: TFunction): string | undefined {
  if (mark === undefined || mark === '') return t('judging.rubric.required');
  const value = typeof mark === 'number' ? mark : Number(mark);
  if (!Number.isFinite(value)) return t('judging.rubric.notNumber');
  if (value < criterion.min || value > criterion.max) return t('judging.rubric.range', { min: criterion.min, max: criterion.max });
  return undefined;
}

/**
 * The API's 400 names each bad mark as `scores.<criterion id> (<name>) …`, joined by "; ": each goes next to its
 * criterion, in the reader's language where the wording is known; anything else goes above the button.
 */
export function apiMarkErrors(error: unknown, criteria: Criterion[], t: TFunction): { byId: Record<string, string>; rest: string[] } {
  const raw = (error as ApiError | undefined)?.message;
  const messages = Array.isArray(raw) ? raw : raw ? raw.split('; ') : [];
  const byId: Record<string, string> = {};
  const rest: string[] = [];
  for (const message of messages) {
    const criterion = criteria.find((item) => message.startsWith(`scores.${item.id} `));
    if (!criterion) {
      rest.push(message);
      continue;
    }
    byId[criterion.id] = message.endsWith(' is missing')
      ? t('judging.rubric.required')
      : message.includes(' must be a number')
        ? t('judging.rubric.notNumber')
        : message.includes(' must be between ')
          ? t('judging.rubric.range', { min: criterion.min, max: criterion.max })
          : message;
  }
  return { byId, rest };
}

interface Props {
  slug: string;
  projectId: string;
  judgeId: string;
  criteria: Criterion[];
  saved: ScoreSet | null;
  closed: boolean;
}

/** The rubric: a mark per criterion within its range, and a comment for the organisers. Unsaved marks survive a reload. */
export function RubricForm({ slug, projectId, judgeId, criteria, saved, closed }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useSaveScores(slug, projectId);
  const key = draftKey(slug, projectId, judgeId);
  const initial = useMemo<{ draft: RubricDraft | null; marks: Marks; comment: string }>(() => {
    const draft = closed ? null : readDraft(key);
    if (draft) return { draft, marks: draft.scores, comment: draft.comment };
    return { draft: null, marks: { ...(saved?.scores ?? {}) }, comment: saved?.comment ?? '' };
  }, [key, saved, closed]);
  const [marks, setMarks] = useState<Marks>(initial.marks);
  const [comment, setComment] = useState(initial.comment);
  const [restored, setRestored] = useState(initial.draft !== null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [justSaved, setJustSaved] = useState(false);

  const remember = (next: RubricDraft) => {
    writeDraft(key, next);
    setJustSaved(false);
  };
  const setMark = (id: string) => (value: number | string) => {
    const next = { ...marks, [id]: value };
    setMarks(next);
    setProblems(({ [id]: _dropped, ...others }) => others);
    remember({ scores: next, comment });
  };
  const onComment = (value: string) => {
    setComment(value);
    remember({ scores: marks, comment: value });
  };
  const discard = () => {
    clearDraft(key);
    setMarks({ ...(saved?.scores ?? {}) });
    setComment(saved?.comment ?? '');
    setRestored(false);
    setProblems({});
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const criterion of criteria) {
      const problem = markProblem(marks[criterion.id], criterion, t);
      if (problem) found[criterion.id] = problem;
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const scores = Object.fromEntries(criteria.map((criterion) => [criterion.id, Number(marks[criterion.id])]));
    save.mutate(
      { scores, comment },
      {
        onSuccess: () => {
          clearDraft(key);
          setRestored(false);
          setJustSaved(true);
        },
        onError: (error) => {
          if (apiErrorOf(error).code === 'judging-closed') void queryClient.invalidateQueries({ queryKey: settingsKey(slug) });
        },
      },
    );
  };

  const fromApi = apiMarkErrors(save.error, criteria, t);
  const closedByApi = apiErrorOf(save.error).code === 'judging-closed';
  const readOnly = closed || closedByApi;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="rubric-title">
      <Stack gap="md">
        {readOnly && (
          <Alert color="gray" role="status">
            {t('judging.rubric.closed')}
          </Alert>
        )}
        {restored && !readOnly && (
          <Alert color="blue" role="status">
            <Group justify="space-between" gap="xs">
              <Text size="sm">{t('judging.rubric.draftRestored')}</Text>
              <Button size="xs" variant="subtle" onClick={discard}>
                {t('judging.rubric.discardDraft')}
              </Button>
            </Group>
          </Alert>
        )}
        {criteria.map((criterion) => (
          <NumberInput
            key={criterion.id}
            label={criterion.name}
            description={
              <>
                {criterion.description && (
                  <Text span size="sm" display="block" style={{ whiteSpace: 'pre-wrap' }}>
                    {criterion.description}
                  </Text>
                )}
                <Text span size="sm" display="block">
                  {t('judging.rubric.weightRange', { weight: criterion.weight, min: criterion.min, max: criterion.max })}
                </Text>
              </>
            }
            value={marks[criterion.id] ?? ''}
            onChange={setMark(criterion.id)}
            min={criterion.min}
            max={criterion.max}
            clampBehavior="none"
            allowDecimal
            required
            error={problems[criterion.id] ?? fromApi.byId[criterion.id]}
            disabled={readOnly}
          />
        ))}
        <Textarea
          label={t('judging.rubric.comment')}
          description={t('judging.rubric.commentHint')}
          value={comment}
          onChange={(event) => onComment(event.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={10_000}
          disabled={readOnly}
        />
        {fromApi.rest.length > 0 && !closedByApi && (
          <Alert color="red" role="alert">
            {fromApi.rest.join(' ')}
          </Alert>
        )}
        {justSaved && !readOnly && (
          <Alert color="green" role="status">
            {t('judging.rubric.saved')}
          </Alert>
        )}
        {!readOnly && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {saved ? t('judging.rubric.update') : t('judging.rubric.submit')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
