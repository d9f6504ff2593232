// UI texts from _locales via chrome.i18n, and the language for the checker's ja/en texts.

const api = /** @type {typeof chrome} */ (globalThis.browser ?? globalThis.chrome);

/**
 * A UI text by message name, with substitutions.
 * @param {string} key
 * @param {(string | number)[]} [subs]
 * @returns {string}
 */
export function t(key, subs = []) {
  return api.i18n.getMessage(key, subs.map(String)) || key;
}

/**
 * Which of the checker's texts to show: 'ja' when the browser's UI language is Japanese.
 * @returns {'ja' | 'en'}
 */
export function lang() {
  return /^ja\b/i.test(api.i18n.getUILanguage()) ? 'ja' : 'en';
}
