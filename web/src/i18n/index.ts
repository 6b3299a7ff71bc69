// i18next set-up: Simplified Chinese by default, English on request (remembered per browser).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { testHook } from '../map/test-hook';
import { en } from './en';
import { zh } from './zh';

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'xl.lang';

export function initialLang(): Lang {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh';
}

void i18next.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: initialLang(),
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
  showSupportNotice: false,
  // A key a language lacks is a string shown untranslated (or as its key): record it for the
  // browser tests, which fail on any, and say so in the console for a developer.
  saveMissing: true,
  missingKeyHandler: (lngs, _ns, key) => {
    const hook = testHook();
    const entry = `${lngs.join(',')}:${key}`;
    if ((hook.missingKeys ??= []).includes(entry)) return;
    hook.missingKeys.push(entry);
    console.warn(`i18n: no "${key}" in ${lngs.join(', ')}`);
  },
});

export function setLang(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  void i18next.changeLanguage(lang);
}

/** BCP 47 tag for Intl formatting of the current language. */
export function locale(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'zh-CN';
}

export function formatNumber(lang: string, value: number, digits = 0): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

export function formatPercent(lang: string, ratio: number, digits = 1): string {
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
    ratio,
  );
}

export function formatDate(lang: string, iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale(lang), { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

export function formatDateTime(lang: string, iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeStyle: 'medium' }).format(d);
}

export default i18next;
