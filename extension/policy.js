// The policy the checker runs with. One function, so managed policy (chrome.storage.managed,
// validated by the checker's `policyErrors()`) can plug in here later.

/**
 * The policy JSON for the checker. Empty string = the default (strict) policy.
 * @returns {Promise<string>}
 */
export async function policyJson() {
  return '';
}
