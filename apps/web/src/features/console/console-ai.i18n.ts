import { addSections } from '../../i18n/i18n';

// The AI sections' strings travel with their pages, not in the first load: every AI console page imports this module.
await addSections(import.meta.glob<Record<string, unknown>>('../../i18n/locales/*/consoleAi.json', { import: 'default' }));
