import { addSections } from '../../i18n/i18n';

// Editing and deleting announcements, removing a challenge file, disbanding a team: their strings travel with those pages.
await addSections(import.meta.glob<Record<string, unknown>>('../../i18n/locales/*/consoleCtfOps.json', { import: 'default' }));
