import { Tabs, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../../components/markdown';

export interface DescriptionFieldProps {
  label: string;
  value: string;
  onChange: (change: { currentTarget: { value: string } }) => void;
  error?: string;
}

/** A console form's markdown description (up to 20 000 characters): write, or preview with the players' renderer. */
export function DescriptionField({ label, value, onChange, error }: DescriptionFieldProps) {
  const { t } = useTranslation();
  return (
    <Tabs defaultValue="write">
      <Tabs.List>
        <Tabs.Tab value="write">{t('console.form.write')}</Tabs.Tab>
        <Tabs.Tab value="preview">{t('console.form.preview')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="write" pt="xs">
        <Textarea label={label} description={t('console.form.descriptionHint')} value={value} onChange={onChange} error={error} autosize minRows={5} maxLength={20000} />
      </Tabs.Panel>
      <Tabs.Panel value="preview" pt="xs">
        {value.trim() ? <Markdown>{value}</Markdown> : <Text c="dimmed">{t('console.form.nothingToPreview')}</Text>}
      </Tabs.Panel>
    </Tabs>
  );
}
