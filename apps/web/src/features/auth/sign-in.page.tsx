import { Alert, Anchor, Button, Container, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, fieldErrors } from '../../api/client';
import { useSignIn } from './auth.queries';
import { safeNext } from './safe-next';

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));
  const { byField } = fieldErrors(signIn.error, ['email', 'password']);
  const status = (signIn.error as ApiError | null)?.statusCode;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: () => void navigate(next, { replace: true }) });
  };
  return (
    <Container size="xs" py="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1}>{t('auth.signInTitle')}</Title>
          {params.get('expired') && <Alert color="yellow">{t('auth.sessionExpired')}</Alert>}
          {status === 401 && (
            <Alert color="red" role="alert">
              {t('auth.badCredentials')}
            </Alert>
          )}
          {status === 429 && (
            <Alert color="red" role="alert">
              {t('auth.tooManyAttempts')}
            </Alert>
          )}
          <TextInput label={t('auth.email')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={byField.email} />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={byField.password}
          />
          <Button type="submit" loading={signIn.isPending}>
            {t('auth.signIn')}
          </Button>
          <Text size="sm">
            {t('auth.noAccount')}{' '}
            <Anchor component={Link} to={`/sign-up?next=${encodeURIComponent(next)}`}>
              {t('nav.signUp')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Container>
  );
}
