import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import id from './locales/id.json';
import ko from './locales/ko.json';
import th from './locales/th.json';
import vi from './locales/vi.json';
import { DEFAULT_LANGUAGE, LANGUAGES, LanguageCode } from './languages';

const STORAGE_KEY = 'arena.language';

function isLanguage(code: string | null | undefined): code is LanguageCode {
  return LANGUAGES.some((language) => language.code === code);
}

// The viewer's choice, else the browser's first language we have, else English.
function initialLanguage(): LanguageCode {
  const chosen = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(chosen)) return chosen;
  const browser = navigator.languages.map((tag) => tag.split('-')[0]).find(isLanguage);
  return browser ?? DEFAULT_LANGUAGE;
}

export function setLanguage(code: LanguageCode): void {
  localStorage.setItem(STORAGE_KEY, code);
  void i18next.changeLanguage(code);
}

export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ko: { translation: ko }, id: { translation: id }, vi: { translation: vi }, th: { translation: th } },
    lng: initialLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    // React escapes what it renders: i18next must not escape it a second time.
    interpolation: { escapeValue: false },
  });
  const sync = (code: string) => document.documentElement.setAttribute('lang', code);
  sync(i18next.language);
  i18next.on('languageChanged', sync);
  return i18next;
}
