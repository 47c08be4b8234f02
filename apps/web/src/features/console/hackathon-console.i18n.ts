import { addSections } from '../../i18n/i18n';

// The hackathon sections' strings are read with the console's hackathon pages, not in the first load (issue 13's 250 KB).
await addSections(import.meta.glob<Record<string, unknown>>('../../i18n/locales/*/hackcon.json', { import: 'default' }));
