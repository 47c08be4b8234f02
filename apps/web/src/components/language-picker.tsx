import { NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/i18n';
import { LANGUAGES, LanguageCode } from '../i18n/languages';

export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  // The choice shows while its catalogue is read; the interface switches once it is in.
  const [pending, setPending] = useState<LanguageCode | null>(null);
  const choose = (code: LanguageCode) => {
    setPending(code);
    setLanguage(code)
      // Unreadable (offline): the picker shows the language still in use, and says why (the notifications' code is
      // not part of the first load).
      .catch(() => import('@mantine/notifications').then(({ notifications }) => notifications.show({ color: 'red', message: t('errors.loadFailed') })))
      .finally(() => setPending((current) => (current === code ? null : current)));
  };
  return (
    <NativeSelect
      aria-label={t('nav.language')}
      size="xs"
      value={pending ?? i18n.resolvedLanguage ?? i18n.language}
      onChange={(event) => choose(event.currentTarget.value as LanguageCode)}
      data={LANGUAGES.map((language) => ({ value: language.code, label: language.label }))}
    />
  );
}
