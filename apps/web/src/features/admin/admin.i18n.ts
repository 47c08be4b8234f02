import { addSections } from '../../i18n/i18n';

// The admin pages' strings travel with them, not in the first load: every admin page imports this module.
await addSections(import.meta.glob<Record<string, unknown>>('../../i18n/locales/*/admin.json', { import: 'default' }));
