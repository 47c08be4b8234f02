import { Alert, Button, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import { Project, ProjectBody, useSaveProject } from './hackathon.queries';

const FIELDS = ['title', 'summary', 'repoUrl', 'videoUrl', 'track', 'description'] as const;

/** Creates the team's project, or edits it; the API's 400s go next to their fields. */
export function ProjectForm({ slug, project, tracks, open }: { slug: string; project: Project | null; tracks: string[]; open: boolean }) {
  const { t } = useTranslation();
  const save = useSaveProject(slug, project?.id ?? null);
  const [values, setValues] = useState({
    title: project?.title ?? '',
    summary: project?.summary ?? '',
    repoUrl: project?.repoUrl ?? '',
    videoUrl: project?.videoUrl ?? '',
    track: project?.track ?? '',
    description: project?.description ?? '',
  });
  const set = (field: keyof typeof values) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((old) => ({ ...old, [field]: value }));
  };
  const { byField, rest } = fieldErrors(save.error, FIELDS);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body: ProjectBody = {
      title: values.title,
      summary: values.summary,
      repoUrl: values.repoUrl,
      description: values.description,
      videoUrl: values.videoUrl.trim() === '' ? null : values.videoUrl,
      ...(tracks.length > 0 ? { track: values.track === '' ? null : values.track } : {}),
    };
    save.mutate(body);
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="project-form-title">
      <Stack gap="sm">
        <TextInput label={t('hackathon.form.title')} value={values.title} onChange={set('title')} error={byField.title} required maxLength={200} disabled={!open} />
        <Textarea
          label={t('hackathon.form.summary')}
          value={values.summary}
          onChange={set('summary')}
          error={byField.summary}
          required
          autosize
          minRows={2}
          maxLength={2000}
          disabled={!open}
        />
        <TextInput
          label={t('hackathon.form.repoUrl')}
          type="url"
          value={values.repoUrl}
          onChange={set('repoUrl')}
          error={byField.repoUrl}
          required
          placeholder="https://github.com/…"
          disabled={!open}
        />
        <TextInput
          label={t('hackathon.form.videoUrl')}
          type="url"
          value={values.videoUrl}
          onChange={set('videoUrl')}
          error={byField.videoUrl}
          placeholder="https://…"
          disabled={!open}
        />
        {tracks.length > 0 && (
          <NativeSelect
            label={t('hackathon.form.track')}
            value={values.track}
            onChange={set('track')}
            error={byField.track}
            data={[{ value: '', label: t('hackathon.form.noTrack') }, ...tracks.map((track) => ({ value: track, label: track }))]}
            disabled={!open}
          />
        )}
        <Textarea
          label={t('hackathon.form.description')}
          description={t('hackathon.form.descriptionHint')}
          value={values.description}
          onChange={set('description')}
          error={byField.description}
          autosize
          minRows={4}
          disabled={!open}
        />
        <Button type="submit" loading={save.isPending} disabled={!open} style={{ alignSelf: 'flex-start' }}>
          {project ? t('hackathon.form.save') : t('hackathon.form.create')}
        </Button>
        {save.isSuccess && (
          <Alert color="green" role="status">
            {t('hackathon.form.saved')}
          </Alert>
        )}
        {rest.length > 0 && (
          <Alert color="red" role="alert">
            {rest.join(' ')}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
