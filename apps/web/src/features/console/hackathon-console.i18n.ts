import { addSections } from '../../i18n/i18n';

// The hackathon sections' strings travel with the console's chunk, not the first load (issue 13's 250 KB).
addSections(import.meta.glob<Record<string, unknown>>('../../i18n/locales/*/hackcon.json', { eager: true, import: 'default' }));
