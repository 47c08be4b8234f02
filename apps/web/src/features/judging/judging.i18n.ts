import { addSections } from '../../i18n/i18n';

// The panel's strings travel with its pages, not in the first load: every judging page imports this module.
await addSections(import.meta.glob<Record<string, unknown>>('../../i18n/locales/*/judging.json', { import: 'default' }));
