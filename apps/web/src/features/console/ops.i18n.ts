import { addSections } from '../../i18n/i18n';

// The console's CTF operations (announcements, awards, freeze, attempts, teams) carry their strings in their pages.
await addSections(import.meta.glob<Record<string, unknown>>('../../i18n/locales/*/consoleOps.json', { import: 'default' }));
