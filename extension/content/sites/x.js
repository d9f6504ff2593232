// Everything postcheck knows about X's compose DOM, in one place (facts/compose-dom.md).
// When X changes its DOM, this table is the one edit to make.

/** Every selector used on X. */
export const SELECTORS = {
  /** The Draft.js editor, one per post of a thread (tweetTextarea_0, _1, …). */
  editor: 'div[data-testid^="tweetTextarea_"][role="textbox"][contenteditable="true"]',
  /** Structural fallback if the test id disappears. */
  editorFallback: '.public-DraftEditor-content[role="textbox"][contenteditable="true"]',
  /** Draft.js: the container of the blocks, and one block per line. */
  contents: 'div[data-contents="true"]',
  block: 'div[data-block="true"]',
  /** Leaf text spans (a line break placeholder is <br data-text="true">). */
  leafText: '[data-text="true"]',
  /** Post buttons: inline (home, inline reply) and modal (/compose/post, reply dialogs). */
  postButton: 'button[data-testid="tweetButtonInline"], button[data-testid="tweetButton"], [role="button"][data-testid="tweetButtonInline"], [role="button"][data-testid="tweetButton"]',
  /** The toolbar next to the editor (a sibling of its wrapper, holds the inline post button). */
  toolbar: '[data-testid="toolBar"]',
  /** Location tag button (its presence is not a tag; X shows the chosen place elsewhere). */
  geoButton: '[data-testid="geoButton"]',
  /** Modal layer and compose dialog. */
  layers: '#layers',
  modal: '#layers [role="dialog"]',
  /** Logged-in account: "@handle" in the account switcher, or the profile link. */
  accountSwitcher: '[data-testid="SideNav_AccountSwitcher_Button"]',
  profileLink: 'a[data-testid="AppTabBar_Profile_Link"]',
  /** Reply context shown above a reply composer. */
  replyingTo: '[data-testid="tweet"]',
};

/** Site id as the checker's Context spells it. */
export const SITE = 'x';

/**
 * Whether a node is (inside) an X editor; returns the editor element.
 * @param {EventTarget | Node | null} node
 * @returns {HTMLElement | null}
 */
export function editorOf(node) {
  const el = node instanceof Element ? node : node instanceof Node ? node.parentElement : null;
  if (!el) return null;
  return /** @type {HTMLElement | null} */ (el.closest(SELECTORS.editor) || el.closest(SELECTORS.editorFallback));
}

/**
 * All visible editors in the document, queried fresh.
 * @returns {HTMLElement[]}
 */
export function allEditors() {
  const found = document.querySelectorAll(`${SELECTORS.editor}, ${SELECTORS.editorFallback}`);
  return /** @type {HTMLElement[]} */ ([...found]).filter((e) => !e.closest('[aria-hidden="true"]'));
}

/**
 * The post button a click landed on, if any.
 * @param {EventTarget | null} target
 * @returns {HTMLElement | null}
 */
export function postButtonOf(target) {
  return target instanceof Element ? /** @type {HTMLElement | null} */ (target.closest(SELECTORS.postButton)) : null;
}

/**
 * The composer around an editor or a post button: the closest ancestor holding both an
 * editor and a post button (the toolbar is a sibling of the editor wrapper, not an ancestor).
 * @param {Element} el
 * @returns {Element | null}
 */
export function composerOf(el) {
  for (let a = el.parentElement; a; a = a.parentElement) {
    if (a.querySelector(SELECTORS.postButton) && (a.matches(SELECTORS.editor) || a.querySelector(SELECTORS.editor) || a.querySelector(SELECTORS.editorFallback))) return a;
    if (a === document.body) break;
  }
  return null;
}

/**
 * The editor that a post button posts. In a thread the composer holds several editors: the
 * gate checks them all (see editorsFor).
 * @param {Element} button
 * @returns {HTMLElement[]}
 */
export function editorsFor(button) {
  const c = composerOf(button);
  if (!c) return [];
  return /** @type {HTMLElement[]} */ ([...c.querySelectorAll(`${SELECTORS.editor}, ${SELECTORS.editorFallback}`)]);
}

/**
 * The post button of the composer an editor belongs to.
 * @param {Element} editor
 * @returns {HTMLElement | null}
 */
export function postButtonFor(editor) {
  const c = composerOf(editor);
  return c ? /** @type {HTMLElement | null} */ (c.querySelector(SELECTORS.postButton)) : null;
}

/**
 * The element the badge sits next to: the editor's rich-text wrapper, or the editor.
 * @param {HTMLElement} editor
 * @returns {HTMLElement}
 */
export function anchorOf(editor) {
  return /** @type {HTMLElement} */ (editor.closest('[data-testid$="RichTextInputContainer"]') || editor);
}

/**
 * The logged-in account handle ("@name"), or null.
 * @returns {string | null}
 */
export function accountHandle() {
  const sw = document.querySelector(SELECTORS.accountSwitcher);
  const m = sw?.textContent?.match(/@(\w{1,15})/);
  if (m) return `@${m[1]}`;
  const href = document.querySelector(SELECTORS.profileLink)?.getAttribute('href');
  const h = href?.match(/^\/(\w{1,15})$/);
  return h ? `@${h[1]}` : null;
}

/**
 * Whether the editor composes a reply (a dialog or status page that shows the post replied to).
 * @param {HTMLElement} editor
 * @returns {boolean}
 */
export function isReply(editor) {
  const modal = editor.closest(SELECTORS.modal);
  if (modal) return !!modal.querySelector(SELECTORS.replyingTo);
  return /\/status\/\d+/.test(location.pathname);
}
