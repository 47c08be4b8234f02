import { Alert, Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function RouteError() {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl">
      <Alert color="red" title={t('errors.pageFailed')} role="alert">
        {t('errors.tryReload')}
      </Alert>
    </Container>
  );
}
