import { Button, Checkbox, Fieldset, Group, NativeSelect, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { newQuestion, QuestionDraft } from './event-form.values';

/** The registration form's questions: answer key, wording, type, required, and the choices or the longest answer. */
export function QuestionsEditor({ questions, onChange, error }: { questions: QuestionDraft[]; onChange: (questions: QuestionDraft[]) => void; error?: string }) {
  const { t } = useTranslation();
  const update = (key: number, change: Partial<QuestionDraft>) => onChange(questions.map((question) => (question.key === key ? { ...question, ...change } : question)));
  return (
    <Stack gap="sm">
      {questions.length === 0 && <Text c="dimmed">{t('console.form.noQuestions')}</Text>}
      {questions.map((question, index) => {
        const number = index + 1;
        return (
          <Fieldset key={question.key} legend={t('console.form.questionN', { number })}>
            <Stack gap="xs">
              <Group grow align="flex-start">
                <TextInput
                  label={t('console.form.questionLabel')}
                  value={question.label}
                  onChange={(event) => update(question.key, { label: event.currentTarget.value })}
                  required
                  maxLength={200}
                />
                <TextInput
                  label={t('console.form.questionId')}
                  description={t('console.form.questionIdHint')}
                  value={question.id}
                  onChange={(event) => update(question.key, { id: event.currentTarget.value })}
                  required
                  maxLength={32}
                />
              </Group>
              <Group align="flex-end">
                <NativeSelect
                  label={t('console.form.questionType')}
                  value={question.type}
                  onChange={(event) => update(question.key, { type: event.currentTarget.value === 'choice' ? 'choice' : 'text' })}
                  data={[
                    { value: 'text', label: t('console.form.questionTypes.text') },
                    { value: 'choice', label: t('console.form.questionTypes.choice') },
                  ]}
                />
                <Checkbox
                  label={t('console.form.questionRequired')}
                  checked={question.required}
                  onChange={(event) => update(question.key, { required: event.currentTarget.checked })}
                  mb={8}
                />
              </Group>
              {question.type === 'choice' ? (
                <Textarea
                  label={t('console.form.questionChoices')}
                  description={t('console.form.questionChoicesHint')}
                  value={question.choices}
                  onChange={(event) => update(question.key, { choices: event.currentTarget.value })}
                  autosize
                  minRows={2}
                />
              ) : (
                <NumberInput
                  label={t('console.form.questionMaxLength')}
                  value={question.maxLength}
                  onChange={(value) => update(question.key, { maxLength: value })}
                  min={1}
                  allowDecimal={false}
                />
              )}
              <Button variant="subtle" color="red" onClick={() => onChange(questions.filter((item) => item.key !== question.key))} style={{ alignSelf: 'flex-start' }}>
                {t('console.form.removeQuestion', { number })}
              </Button>
            </Stack>
          </Fieldset>
        );
      })}
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      <Button variant="light" onClick={() => onChange([...questions, newQuestion()])} style={{ alignSelf: 'flex-start' }} disabled={questions.length >= 20}>
        {t('console.form.addQuestion')}
      </Button>
    </Stack>
  );
}
