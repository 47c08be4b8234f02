import { addSections } from '../../i18n/i18n';

// The edit page's strings travel with its chunk (and the task page's, which links to it).
await addSections(import.meta.glob<Record<string, unknown>>('../../i18n/locales/*/aiEdit.json', { import: 'default' }));
