import { Alert, Button, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import type { RegistrationQuestion } from './teams.queries';

interface Props {
  questions: RegistrationQuestion[];
  initial: Record<string, unknown>;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (answers: Record<string, string>) => void;
}

/** The event's questions as a form; the API checks the answers and its 400s go next to their question. */
export function RegistrationForm({ questions, initial, submitLabel, pending, error, onSubmit }: Props) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Record<string, string>>(() =>
    Object.fromEntries(questions.map((question) => [question.id, typeof initial[question.id] === 'string' ? (initial[question.id] as string) : ''])),
  );
  const { byField, rest } = fieldErrors(
    error,
    questions.map((question) => `answers.${question.id}`),
  );
  const set = (id: string, value: string) => setAnswers((current) => ({ ...current, [id]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(Object.fromEntries(Object.entries(answers).filter(([, value]) => value.trim() !== '')));
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {rest.length > 0 && (
          <Alert color="red" role="alert">
            {rest.join(' · ')}
          </Alert>
        )}
        {questions.map((question) =>
          question.type === 'choice' ? (
            <NativeSelect
              key={question.id}
              label={question.label}
              required={question.required}
              data={[{ value: '', label: t('registration.choose') }, ...(question.choices ?? []).map((choice) => ({ value: choice, label: choice }))]}
              value={answers[question.id]}
              onChange={(e) => set(question.id, e.currentTarget.value)}
              error={byField[`answers.${question.id}`]}
            />
          ) : (question.maxLength ?? 0) > 200 ? (
            <Textarea
              key={question.id}
              label={question.label}
              required={question.required}
              autosize
              minRows={2}
              maxLength={question.maxLength}
              description={t('registration.maxLength', { max: question.maxLength })}
              value={answers[question.id]}
              onChange={(e) => set(question.id, e.currentTarget.value)}
              error={byField[`answers.${question.id}`]}
            />
          ) : (
            <TextInput
              key={question.id}
              label={question.label}
              required={question.required}
              maxLength={question.maxLength}
              value={answers[question.id]}
              onChange={(e) => set(question.id, e.currentTarget.value)}
              error={byField[`answers.${question.id}`]}
            />
          ),
        )}
        <Button type="submit" loading={pending} style={{ alignSelf: 'flex-start' }}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
