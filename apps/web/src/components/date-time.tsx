import { useTranslation } from 'react-i18next';

/** A time in the viewer's language and time zone, with the zone named; the ISO value stays machine-readable. */
export function DateTime({ value }: { value: string }) {
  const { i18n } = useTranslation();
  const date = new Date(value);
  const text = new Intl.DateTimeFormat(i18n.language, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(date);
  return <time dateTime={value}>{text}</time>;
}
