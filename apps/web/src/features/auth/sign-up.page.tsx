import { Alert, Anchor, Button, Container, NativeSelect, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, fieldErrors } from '../../api/client';
import { countryOptions } from '../../components/countries';
import { useSignUp } from './auth.queries';
import { safeNext } from './safe-next';

const FIELDS = ['email', 'password', 'displayName', 'country'] as const;

export function SignUpPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signUp = useSignUp();
  const [form, setForm] = useState({ email: '', password: '', displayName: '', country: '' });
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const next = safeNext(params.get('next'));
  const { byField, rest } = fieldErrors(signUp.error, FIELDS);
  const status = (signUp.error as ApiError | null)?.statusCode;
  const set = (field: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signUp.mutate(form, { onSuccess: () => void navigate(next, { replace: true }) });
  };
  return (
    <Container size="xs" py="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1}>{t('auth.signUpTitle')}</Title>
          {status === 409 && (
            <Alert color="red" role="alert">
              {t('auth.emailTaken')}
            </Alert>
          )}
          {status !== 409 && rest.length > 0 && (
            <Alert color="red" role="alert">
              {rest.join(' · ')}
            </Alert>
          )}
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="email"
            required
            value={form.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
            error={byField.email}
          />
          <PasswordInput
            label={t('auth.password')}
            description={t('auth.passwordHint')}
            autoComplete="new-password"
            required
            value={form.password}
            onChange={(e) => set('password')(e.currentTarget.value)}
            error={byField.password}
          />
          <TextInput
            label={t('auth.displayName')}
            autoComplete="nickname"
            required
            value={form.displayName}
            onChange={(e) => set('displayName')(e.currentTarget.value)}
            error={byField.displayName}
          />
          {/* A native select: typing a letter jumps to a country, on every device and screen reader. */}
          <NativeSelect
            label={t('auth.country')}
            required
            data={[{ value: '', label: t('auth.chooseCountry') }, ...countries]}
            value={form.country}
            onChange={(e) => set('country')(e.currentTarget.value)}
            error={byField.country}
          />
          <Button type="submit" loading={signUp.isPending}>
            {t('auth.signUp')}
          </Button>
          <Text size="sm">
            {t('auth.haveAccount')}{' '}
            <Anchor component={Link} to={`/sign-in?next=${encodeURIComponent(next)}`}>
              {t('nav.signIn')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Container>
  );
}
