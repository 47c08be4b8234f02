import './ops.i18n';
import { Alert, Card, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import { Markdown } from '../../components/markdown';

const FIELDS = ['title', 'body'] as const;

/** A refused post or edit's errors: by field for the inputs, the rest for the alert. */
export const announcementErrors = (failed: boolean, error: unknown) => (failed ? fieldErrors(error, FIELDS) : { byField: {} as Record<string, string>, rest: [] as string[] });

export interface AnnouncementFieldsProps {
  title: string;
  onTitle: (title: string) => void;
  body: string;
  onBody: (body: string) => void;
  /** Write or preview: the caller's, so a posted form can go back to writing. */
  tab: string | null;
  onTab: (tab: string | null) => void;
  errors: ReturnType<typeof announcementErrors>;
}

/** An announcement's title and markdown body with a preview tab, the API's 400s under their fields, the rest below. */
export function AnnouncementFields({ title, onTitle, body, onBody, tab, onTab, errors }: AnnouncementFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('consoleOps.announcements.titleField')}
        value={title}
        onChange={(change) => onTitle(change.currentTarget.value)}
        required
        maxLength={200}
        error={errors.byField.title}
      />
      <Tabs value={tab} onChange={onTab}>
        <Tabs.List aria-label={t('consoleOps.announcements.body')}>
          <Tabs.Tab value="write">{t('consoleOps.announcements.write')}</Tabs.Tab>
          <Tabs.Tab value="preview">{t('consoleOps.announcements.preview')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="write" pt="xs">
          <Textarea
            label={t('consoleOps.announcements.body')}
            description={t('consoleOps.announcements.markdown')}
            value={body}
            onChange={(change) => onBody(change.currentTarget.value)}
            required
            autosize
            minRows={4}
            maxLength={20_000}
            error={errors.byField.body}
          />
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="xs">
          <Card withBorder>{body.trim() ? <Markdown>{body}</Markdown> : <Text c="dimmed">{t('consoleOps.announcements.nothing')}</Text>}</Card>
        </Tabs.Panel>
      </Tabs>
      {errors.rest.length > 0 && (
        <Alert color="red" role="alert">
          {errors.rest.join(' ')}
        </Alert>
      )}
    </>
  );
}
