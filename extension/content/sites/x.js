// Everything postcheck knows about X's compose DOM, in one place (facts/compose-dom.md).
// When X changes its DOM, this table is the one edit to make.
// X Pro (pro.x.com, the column layout) is matched by the manifest and ASSUMED to use the same
// compose DOM (Draft.js editor with these test ids); unverified, as the facts file says.

/** Every selector used on X. */
export const SELECTORS = {
  /** The Draft.js editor, one per post of a thread (tweetTextarea_0, _1, …). */
  editor: 'div[data-testid^="tweetTextarea_"][role="textbox"][contenteditable="true"]',
  /** Structural fallback if the test id disappears: a Draft.js editor (role, contenteditable,
   *  Draft's class names, which are not hashed). */
  editorFallback: '.public-DraftEditor-content[role="textbox"][contenteditable="true"], .DraftEditor-root [role="textbox"][contenteditable="true"]',
  /** The mobile layout's plain textarea (no Ranges inside it: badge, panel and gate only). */
  textarea: 'textarea[data-testid^="tweetTextarea_"], div[data-testid^="tweetTextarea_"] textarea',
  /** Draft.js: the container of the blocks, and one block per line. */
  contents: 'div[data-contents="true"]',
  block: 'div[data-block="true"]',
  /** Leaf text spans (a line break placeholder is <br data-text="true">). */
  leafText: '[data-text="true"]',
  /** Post buttons: inline (home, inline reply) and modal (/compose/post, reply dialogs). */
  postButton: 'button[data-testid="tweetButtonInline"], button[data-testid="tweetButton"], [role="button"][data-testid="tweetButtonInline"], [role="button"][data-testid="tweetButton"]',
  /** Structural fallback if the post buttons' test ids disappear: a button in a composer's
   *  toolbar whose visible text is a post label (LABELS.postButton; an icon button has none),
   *  the toolbar being the only one next to an editor (isPostButton). */
  postButtonFallback: '[data-testid="toolBar"] button, [data-testid="toolBar"] [role="button"]',
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
  /** Reply context: the post replied to, shown ABOVE a reply composer (a quoted post is
   *  shown below the editor of a quote composer, and a quote is not a reply). */
  replyingTo: '[data-testid="tweet"]',
  /** A location tag is set: X shows the chosen place as a chip; the geo button is pressed.
   *  (Assumed from the button's ARIA state; the chip's test id is unverified.) */
  locationSet: '[data-testid="geoButton"][aria-pressed="true"], [data-testid="geoButton"][aria-checked="true"], [data-testid="placeChip"], [data-testid="locationChip"]',
  /** The hidden file input of the media button (photos, GIFs, videos). */
  fileInput: 'input[data-testid="fileInput"], input[type="file"][accept*="image"]',
  /** One per attached medium: its remove button in the composer's attachment previews
   *  (aria-label "Remove media"; the ja label and the test id are unverified). */
  mediaRemove: '[data-testid="attachments"] [aria-label="Remove media"], [data-testid="attachments"] [aria-label="メディアを削除"], [data-testid="attachments"] [data-testid="removeMedia"]',
  /** Fallback when no remove button is recognised: the previewed images and videos. */
  mediaPreview: '[data-testid="attachments"] img, [data-testid="attachments"] video',
  /** Routes where a composer is expected on screen (the "cannot recognise" badge). */
  composeRoute: /^\/compose\/(post|tweet)\/?$|^\/intent\/(post|tweet)\/?$/,
  /** The editor's rich-text wrapper (the badge sits by it). */
  editorWrapper: '[data-testid$="RichTextInputContainer"]',
  /** Hidden copies (never editors to check). */
  hidden: '[aria-hidden="true"]',
  /** Where to look for a composer on such a route when none is recognised. */
  composeArea: '#layers [role="dialog"], main[role="main"]',
};

/**
 * X's wording (visible text, ja and en): matched exactly after trimming. Only the structural
 * fallbacks use it; the test ids come first.
 */
export const LABELS = {
  /** The post button's text: post, reply (inline and dialog), a thread's "post all". (X's UI
   *  as users see it; not in facts/compose-dom.md, so unverified.) */
  postButton: ['ポストする', 'ポスト', '返信', 'すべてポスト', 'Post', 'Reply', 'Post all'],
};

const ANY_EDITOR = `${SELECTORS.editor}, ${SELECTORS.editorFallback}, ${SELECTORS.textarea}`;
/** Everything that may be a post button (isPostButton decides). */
const POST_CANDIDATES = `${SELECTORS.postButton}, ${SELECTORS.postButtonFallback}`;

/**
 * Whether an element is a post button: by test id, else (fallback) a toolbar button labelled
 * as one, in a toolbar that belongs to a composer: its closest ancestor holding an editor holds
 * no other toolbar (so a stray toolbar never borrows the editor of a composer next to it).
 * @param {Element} el
 */
function isPostButton(el) {
  if (el.matches(SELECTORS.postButton)) return true;
  if (!el.matches(SELECTORS.postButtonFallback)) return false;
  if (!LABELS.postButton.includes((el.textContent ?? '').replace(/\s+/g, ' ').trim())) return false;
  const bar = el.closest(SELECTORS.toolbar);
  for (let a = bar?.parentElement; a; a = a.parentElement) {
    if (a.querySelector(ANY_EDITOR)) return a.querySelectorAll(SELECTORS.toolbar).length === 1;
    if (a === document.body) break;
  }
  return false;
}

/**
 * Whether `n` is or holds a post button.
 * @param {Element} n
 */
function hasPostButton(n) {
  // By test id first (one querySelector, what X's DOM has); the labelled toolbar buttons only without one.
  if (n.matches(SELECTORS.postButton) || n.querySelector(SELECTORS.postButton)) return true;
  return (n.matches(SELECTORS.postButtonFallback) && isPostButton(n)) || [...n.querySelectorAll(SELECTORS.postButtonFallback)].some(isPostButton);
}

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
  return /** @type {HTMLElement | null} */ (el.closest(SELECTORS.editor) || el.closest(SELECTORS.editorFallback) || el.closest(SELECTORS.textarea));
}

/**
 * All visible editors in the document, queried fresh.
 * @returns {HTMLElement[]}
 */
export function allEditors() {
  const found = document.querySelectorAll(ANY_EDITOR);
  return outermost(/** @type {HTMLElement[]} */ ([...found])).filter((e) => !e.closest(SELECTORS.hidden));
}

/**
 * The post button a click landed on, if any.
 * @param {EventTarget | null} target
 * @returns {HTMLElement | null}
 */
export function postButtonOf(target) {
  if (!(target instanceof Element)) return null;
  const b = target.closest(SELECTORS.postButton) ?? target.closest(SELECTORS.postButtonFallback);
  return b && isPostButton(b) ? /** @type {HTMLElement} */ (b) : null;
}

/**
 * The composer around an editor or a post button: the closest ancestor holding both an
 * editor and a post button (the toolbar is a sibling of the editor wrapper, not an ancestor).
 * @param {Element} el
 * @returns {Element | null}
 */
export function composerOf(el) {
  // Each level looks only at the subtrees it adds (the siblings of the level below), so the
  // editor's own subtree (thousands of nodes after a large paste) is searched once, not once
  // per ancestor.
  const has = (/** @type {Element} */ n, /** @type {string} */ sel) => n.matches(sel) || !!n.querySelector(sel);
  // An editor holds the user's text, never a post button: its subtree is not searched at all.
  const isEditor = el.matches(ANY_EDITOR);
  let button = !isEditor && hasPostButton(el);
  let editor = isEditor || has(el, ANY_EDITOR);
  if (button && editor) return el; // the composer itself (a drop on its frame)
  for (let prev = el, a = el.parentElement; a; prev = a, a = a.parentElement) {
    for (const c of a.children) {
      if (c === prev) continue;
      button ||= hasPostButton(c);
      editor ||= has(c, ANY_EDITOR);
    }
    if (button && editor) return a;
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
  return /** @type {HTMLElement[]} */ (outsideEditors(c, ANY_EDITOR, false)).filter((e) => !e.closest(SELECTORS.hidden));
}

/**
 * The elements under `root` matching `sel` in document order (the first only, with `first`),
 * never looking inside an editor: its content is the user's text (after a large paste, tens
 * of thousands of nodes) and holds no editor, button or chip. An editor matching `sel` is
 * found, its own subtree not (so an editor matched twice counts once).
 * @param {Element} root
 * @param {string} sel
 * @param {boolean} first
 * @returns {Element[]}
 */
function outsideEditors(root, sel, first) {
  /** @type {Element[]} */
  const out = [];
  /** @type {Element[]} */
  const stack = [root];
  while (stack.length) {
    const el = /** @type {Element} */ (stack.pop());
    if (el.matches(sel)) {
      out.push(el); // its subtree is not searched (outermost matches only)
      if (first) break;
      continue;
    }
    if (el !== root && el.matches(ANY_EDITOR)) continue;
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
  return out;
}

/**
 * Every editor of the composer an editor belongs to (all posts of a thread), itself included.
 * @param {HTMLElement} editor
 * @returns {HTMLElement[]}
 */
export function siblingsOf(editor) {
  const b = postButtonFor(editor);
  const all = b ? editorsFor(b) : [];
  return all.includes(editor) ? all : [editor, ...all];
}

/**
 * An editor matched twice (a test id and the fallback on nested nodes) counts once.
 * @param {HTMLElement[]} els
 */
function outermost(els) {
  return els.filter((e) => !els.some((o) => o !== e && o.contains(e)));
}

/**
 * The post button of the composer an editor belongs to.
 * @param {Element} editor
 * @returns {HTMLElement | null}
 */
export function postButtonFor(editor) {
  const c = composerOf(editor);
  return c ? /** @type {HTMLElement | null} */ (outsideEditors(c, POST_CANDIDATES, false).find(isPostButton) ?? null) : null;
}

/**
 * The element the badge sits next to: the editor's rich-text wrapper, or the editor.
 * @param {HTMLElement} editor
 * @returns {HTMLElement}
 */
export function anchorOf(editor) {
  return /** @type {HTMLElement} */ (editor.closest(SELECTORS.editorWrapper) || editor);
}

/**
 * The logged-in account handle ("@name"), or null. (One account per page on X: the editor
 * argument of the adapter interface is not needed here.)
 * @param {HTMLElement} [_editor]
 * @returns {string | null}
 */
export function accountHandle(_editor) {
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
  if (modal) {
    // The post replied to sits before the editor; a quoted post sits after it.
    return [...modal.querySelectorAll(SELECTORS.replyingTo)].some((t) => t.compareDocumentPosition(editor) & Node.DOCUMENT_POSITION_FOLLOWING);
  }
  return /\/status\/\d+/.test(location.pathname);
}

/**
 * Whether a location tag is set on the composer of this editor.
 * @param {HTMLElement} editor
 * @returns {boolean}
 */
export function hasLocationTag(editor) {
  const c = composerOf(editor);
  return !!c && outsideEditors(c, SELECTORS.locationSet, true).length > 0;
}

/**
 * The composer a file input, a drop or a paste belongs to (the closest ancestor holding an
 * editor and a post button).
 * @param {EventTarget | null} target
 * @returns {Element | null}
 */
export function composerAt(target) {
  return target instanceof Element ? composerOf(target) : null;
}

/**
 * Whether an element is a media file input of a composer.
 * @param {EventTarget | null} el
 */
export function isFileInput(el) {
  return el instanceof HTMLInputElement && el.type === 'file' && el.matches(SELECTORS.fileInput);
}

/**
 * One element per medium attached to a composer, in order (its remove button, else its
 * preview): when one goes away, that attachment was removed.
 * @param {Element} composer
 * @returns {Element[]}
 */
export function previewsIn(composer) {
  const remove = outsideEditors(composer, SELECTORS.mediaRemove, false);
  return remove.length ? remove : outsideEditors(composer, SELECTORS.mediaPreview, false);
}

/**
 * On a route where a composer is expected, the area where none could be recognised (for the
 * badge to say so); null when the route expects none or an editor is there.
 * @returns {Element | null}
 */
export function unrecognisedComposer() {
  if (!SELECTORS.composeRoute.test(location.pathname)) return null;
  if (allEditors().length > 0) return null;
  return document.querySelector(SELECTORS.composeArea) ?? document.body;
}
