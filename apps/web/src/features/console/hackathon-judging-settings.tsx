import { Alert, Button, Checkbox, Group, Radio, Stack, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { HackathonSettings } from '../hackathon/hackathon.queries';
import './hackathon-staff.i18n';
import { useSaveHackathonSettings } from './hackathon-console.queries';

const FIELDS = ['mode', 'normalisation', 'excludeSameCountryJudges'] as const;

/** The API's messages by the field they start with ("mode: judges have already scored…"); the rest apart. */
function byField(error: unknown): { byField: Partial<Record<(typeof FIELDS)[number], string>>; rest: string[] } {
  const messages = [(error as ApiError | null)?.message ?? []].flat();
  const found: Partial<Record<(typeof FIELDS)[number], string>> = {};
  const rest: string[] = [];
  for (const message of messages) {
    const field = FIELDS.find((name) => new RegExp(`^${name}[ .:]`).test(message));
    if (field && !found[field]) found[field] = message;
    else rest.push(message);
  }
  return { byField: found, rest };
}

/** Judging mode, normalisation and the same-country rule, each with what it does; the API decides what may still change. */
export function JudgingSettingsSection({ slug, settings }: { slug: string; settings: HackathonSettings }) {
  const { t } = useTranslation();
  const save = useSaveHackathonSettings(slug);
  const [mode, setMode] = useState<string>(settings.mode);
  const [normalisation, setNormalisation] = useState<string>(settings.normalisation);
  const [sameCountry, setSameCountry] = useState(settings.excludeSameCountryJudges);
  const errors = byField(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ mode: mode as HackathonSettings['mode'], normalisation: normalisation as HackathonSettings['normalisation'], excludeSameCountryJudges: sameCountry });
  };
  return (
    <form onSubmit={submit} aria-labelledby="judging-settings-title">
      <Title order={3} id="judging-settings-title" mb="xs">
        {t('hackstaff.judging.title')}
      </Title>
      <Stack gap="md">
        <Radio.Group label={t('hackstaff.judging.mode')} description={t('hackstaff.judging.modeLocked')} value={mode} onChange={setMode} error={errors.byField.mode}>
          <Stack gap="xs" mt="xs">
            <Radio value="rubric" label={t('hackstaff.judging.modeRubric')} description={t('hackstaff.judging.modeRubricHint')} />
            <Radio value="pairwise" label={t('hackstaff.judging.modePairwise')} description={t('hackstaff.judging.modePairwiseHint')} />
          </Stack>
        </Radio.Group>
        <Radio.Group label={t('hackstaff.judging.normalisation')} value={normalisation} onChange={setNormalisation} error={errors.byField.normalisation}>
          <Stack gap="xs" mt="xs">
            <Radio value="zscore" label={t('hackstaff.judging.zscore')} description={t('hackstaff.judging.zscoreHint')} />
            <Radio value="none" label={t('hackstaff.judging.none')} description={t('hackstaff.judging.noneHint')} />
          </Stack>
        </Radio.Group>
        <Checkbox
          label={t('hackstaff.judging.sameCountry')}
          description={t('hackstaff.judging.sameCountryHint')}
          checked={sameCountry}
          onChange={(e) => setSameCountry(e.currentTarget.checked)}
          error={errors.byField.excludeSameCountryJudges}
        />
        {errors.rest.length > 0 && (
          <Alert color="red" role="alert">
            {errors.rest.join(' ')}
          </Alert>
        )}
        {save.isSuccess && (
          <Alert color="green" role="status">
            {t('hackcon.saved')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('hackstaff.judging.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
