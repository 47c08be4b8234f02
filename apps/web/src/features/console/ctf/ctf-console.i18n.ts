import { addSections } from '../../../i18n/i18n';

// The console's CTF strings travel with its CTF pages, not in the first load: every such page imports this module.
await addSections(import.meta.glob<Record<string, unknown>>('../../../i18n/locales/*/ctfConsole.json', { import: 'default' }));
