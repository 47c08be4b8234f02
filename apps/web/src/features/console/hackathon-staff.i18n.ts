import { addSections } from '../../i18n/i18n';

// Judges' removal and invitations and the judging settings: strings that travel with the console's hackathon chunk.
await addSections(import.meta.glob<Record<string, unknown>>('../../i18n/locales/*/hackstaff.json', { import: 'default' }));
