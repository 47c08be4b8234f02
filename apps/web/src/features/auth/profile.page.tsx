import { Button, Container, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/client';
import { countryOptions } from '../../components/countries';
import { PageLoader } from '../../components/page-loader';
import { User, useMe, useUpdateProfile } from './auth.queries';
import { RequireSignIn } from './require-sign-in';

function ProfileForm({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateProfile();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [country, setCountry] = useState(user.country);
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const { byField } = fieldErrors(update.error, ['displayName', 'country']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ displayName, country }, { onSuccess: () => notifications.show({ color: 'green', message: t('profile.saved') }) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>
          {t('auth.email')}: {user.email}
        </Text>
        <TextInput label={t('auth.displayName')} required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} error={byField.displayName} />
        <NativeSelect label={t('auth.country')} required data={countries} value={country} onChange={(e) => setCountry(e.currentTarget.value)} error={byField.country} />
        <Button type="submit" loading={update.isPending}>
          {t('profile.save')}
        </Button>
      </Stack>
    </form>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <RequireSignIn>
      <Container size="xs" py="lg">
        <Stack>
          <Title order={1}>{t('profile.title')}</Title>
          {me.data ? <ProfileForm user={me.data} /> : <PageLoader />}
        </Stack>
      </Container>
    </RequireSignIn>
  );
}
