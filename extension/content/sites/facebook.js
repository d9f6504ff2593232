// Everything postcheck knows about Facebook's compose DOM, in one place (facts/compose-dom.md).
// When Facebook changes its DOM or its wording, the two tables below are the one edit to make.
//
// What is checked: the Lexical editor of the "Create post" dialog (profiles and Pages, feed
// and Page/group timelines all open the same dialog). What is not: comment boxes (unless the
// policy's `include_comments` is on), Messenger, hidden copies of an editor (aria-hidden,
// display:none, zero-size), any other contenteditable (search, chat).
// Class names on facebook.com are hashed and change with every deploy: never selected on.

/** Every selector used on Facebook (structure and ARIA only). */
export const SELECTORS = {
  /** The Lexical editor. */
  editor: 'div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]',
  /** Structural fallback if Lexical's marker disappears: a rich-text box inside a dialog. */
  editorFallback: '[role="dialog"] div[contenteditable="true"][role="textbox"]',
  /**
   * Lexical's blocks: the root's children (paragraphs `<p dir="auto">`, headings, quotes),
   * list items one per line. Lines are `<span data-lexical-text="true">`; `<br>` inside a
   * paragraph is a line break, a lone/terminating `<br>` marks an empty line (textmap.js).
   */
  block: ':scope > :not(ul, ol), :scope > ul > li, :scope > ol > li',
  /** The composer dialog, and the "Post settings" dialog of the Pages flow. */
  dialog: '[role="dialog"]',
  /** Buttons as Facebook renders them (div role=button; a real <button> is accepted too). */
  button: '[role="button"], button',
  /** The form that holds the composer (its last button is the post button: the fallback). */
  form: 'form',
  /** The acting profile or Page: the avatar's label in the dialog header. */
  avatar: '[role="img"][aria-label], img[alt], svg[aria-label]',
  /** The composer's photo/video file input. */
  fileInput: 'input[type="file"]',
  /** Previews of attached media (the remove button is found by its label, LABELS.removeMedia). */
  mediaPreview: 'img[src^="blob:"], video[src^="blob:"]',
  /** Anything that hides a subtree from users. */
  hidden: '[aria-hidden="true"], [inert], [hidden]',
};

/**
 * Facebook's wording, English and Japanese in ONE table (aria-label first, visible text
 * second). Strings match exactly (after trimming); regular expressions match anywhere.
 * Unverified entries are marked so; the structural fallbacks cover a language not listed.
 */
export const LABELS = {
  /** The button that publishes the post (final step). */
  post: ['Post', '投稿', '投稿する', 'Share now', '今すぐシェア'],
  /** The first step of the Pages flow (then "Post settings" and the final Post). */
  next: ['Next', '次へ'],
  /** Title of the composer dialog. */
  createPost: ['Create post', '投稿を作成', 'Edit post', '投稿を編集'],
  /** Title of the second dialog of the Pages flow. */
  postSettings: ['Post settings', '投稿設定'],
  /** Comment boxes (aria-label of their editor). */
  comment: [/^Comment as\b/, /^Write a comment/, /^Write a reply/, /^Reply to\b/, /^Reply as\b/, /^コメント/, /^返信/, /に返信/],
  /** Messenger composers (aria-label of their editor). */
  messenger: [/^Message\b/, /^Aa$/, /^メッセージ/],
  /** The check-in button ("Add to your post"; ja unverified). */
  checkIn: ['Check in', 'チェックイン'],
  /** The remove button on an attached photo or video in the composer (unverified). */
  removeMedia: ['Remove', '削除', 'Remove photo', '写真を削除', 'Remove post attachment', '添付ファイルを削除'],
  /** A check-in that is set: the header then reads "NAME is at PLACE." / 「NAMEさんはPLACEにいます。」. */
  checkedIn: [/\bis at\b/, /— at\b/, /にいます。?$/],
};

/**
 * Policy switches the adapter obeys, set by configure() from the background's {type:'policy'}
 * answer (main.js, at start and on focus). Off until then: comments are not checked.
 */
export const POLICY = { include_comments: false };

/**
 * Applies the resolved policy's switches (call with the background's policy answer).
 * @param {{include_comments?: unknown}} policy
 */
export function configure(policy) {
  POLICY.include_comments = policy?.include_comments === true;
}

/** Site id as the checker's Context spells it. */
export const SITE = 'facebook';

// ---- helpers -----------------------------------------------------------------------------

/**
 * @param {string | null | undefined} s
 * @param {(string | RegExp)[]} list
 */
function matches(s, list) {
  const v = (s ?? '').replace(/\s+/g, ' ').trim();
  if (!v) return false;
  return list.some((l) => (typeof l === 'string' ? v === l : l.test(v)));
}

/**
 * A button's label: aria-label, else its visible text.
 * @param {Element} el
 */
function labelOf(el) {
  return el.getAttribute('aria-label') || el.textContent || ''; // textContent: no layout per keystroke
}

/**
 * Whether a user can see the element: not under aria-hidden/inert/hidden, rendered, visible.
 * @param {Element} el
 */
export function isShown(el) {
  if (el.closest(SELECTORS.hidden)) return false;
  const h = /** @type {HTMLElement & {checkVisibility?: (o?: object) => boolean}} */ (el);
  if (typeof h.checkVisibility === 'function') {
    if (!h.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
  } else if (getComputedStyle(el).visibility === 'hidden') return false;
  const r = el.getBoundingClientRect();
  return r.width > 1 && r.height > 1;
}

/** @param {Element} el @returns {HTMLElement[]} */
const editorsIn = (el) => /** @type {HTMLElement[]} */ ([...el.querySelectorAll(`${SELECTORS.editor}, ${SELECTORS.editorFallback}`)]);

/**
 * What an editor is for.
 * @param {HTMLElement} editor
 * @returns {'composer' | 'comment' | 'messenger' | 'other'}
 */
export function kindOf(editor) {
  const label = editor.getAttribute('aria-label') || editor.getAttribute('aria-placeholder') || '';
  if (matches(label, LABELS.comment)) return 'comment';
  if (matches(label, LABELS.messenger)) return 'messenger';
  const dialog = editor.closest(SELECTORS.dialog);
  if (dialog && actionButtons(dialog).length > 0) return 'composer';
  return 'other';
}

/**
 * The post/next buttons of a dialog: by label, else (structural fallback, another UI
 * language) the last button of the form that holds the editor.
 * @param {Element} dialog
 * @returns {HTMLElement[]}
 */
function actionButtons(dialog) {
  const buttons = /** @type {HTMLElement[]} */ ([...dialog.querySelectorAll(SELECTORS.button)]);
  const labelled = buttons.filter((b) => matches(labelOf(b), LABELS.post) || matches(labelOf(b), LABELS.next));
  if (labelled.length) return labelled;
  const editor = editorsIn(dialog).find((e) => isShown(e));
  const form = editor?.closest(SELECTORS.form);
  if (!editor || !form) return [];
  const after = buttons.filter((b) => form.contains(b) && (editor.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));
  const last = after[after.length - 1];
  return last ? [last] : [];
}

// ---- the adapter's interface (the same as sites/x.js) ------------------------------------

/**
 * Whether a node is (inside) an editor postcheck checks; returns the editor element.
 * @param {EventTarget | Node | null} node
 * @returns {HTMLElement | null}
 */
export function editorOf(node) {
  const el = node instanceof Element ? node : node instanceof Node ? node.parentElement : null;
  if (!el) return null;
  const editor = /** @type {HTMLElement | null} */ (el.closest(SELECTORS.editor) || el.closest(SELECTORS.editorFallback));
  if (!editor || !isShown(editor)) return null;
  const kind = kindOf(editor);
  if (kind === 'composer' || (kind === 'comment' && POLICY.include_comments)) return editor;
  return null;
}

/**
 * All editors postcheck checks in the document, queried fresh.
 * @returns {HTMLElement[]}
 */
export function allEditors() {
  return editorsIn(document).filter((e) => editorOf(e) === e);
}

/**
 * The post (or Pages' "Next") button a click landed on, if any.
 * @param {EventTarget | null} target
 * @returns {HTMLElement | null}
 */
export function postButtonOf(target) {
  if (!(target instanceof Element)) return null;
  const button = target.closest(SELECTORS.button);
  const dialog = button?.closest(SELECTORS.dialog);
  if (!button || !dialog) return null;
  return actionButtons(dialog).includes(/** @type {HTMLElement} */ (button)) ? /** @type {HTMLElement} */ (button) : null;
}

/**
 * Whether a button is the Pages flow's "Next" (the gate's point for Pages: what it lets
 * through cannot change before the final Post, which has no editor in its dialog).
 * @param {Element} button
 */
export function isNext(button) {
  return matches(labelOf(button), LABELS.next);
}

/**
 * The composer around an editor or a button: its dialog, when it holds a post/next button.
 * @param {Element} el
 * @returns {Element | null}
 */
export function composerOf(el) {
  const dialog = el.closest(SELECTORS.dialog);
  return dialog && actionButtons(dialog).length ? dialog : null;
}

/**
 * The editors a post/next button posts: the visible composer editors of its own dialog.
 * The final Post of "Post settings" has none (the text was gated at Next): the gate lets it go.
 * @param {Element} button
 * @returns {HTMLElement[]}
 */
export function editorsFor(button) {
  const c = composerOf(button);
  if (!c) return [];
  return editorsIn(c).filter((e) => editorOf(e) === e);
}

/**
 * Every editor of the composer an editor belongs to, itself included (Facebook's composer has
 * one; the interface is X's, where a thread has several).
 * @param {HTMLElement} editor
 * @returns {HTMLElement[]}
 */
export function siblingsOf(editor) {
  const b = postButtonFor(editor);
  const all = b ? editorsFor(b) : [];
  return all.includes(editor) ? all : [editor, ...all];
}

/**
 * The post (or next) button of the composer an editor belongs to.
 * @param {Element} editor
 * @returns {HTMLElement | null}
 */
export function postButtonFor(editor) {
  const c = composerOf(editor);
  return c ? actionButtons(c)[0] ?? null : null;
}

/**
 * The element the badge sits next to: the editor's wrapper (it holds the placeholder too).
 * @param {HTMLElement} editor
 * @returns {HTMLElement}
 */
export function anchorOf(editor) {
  const p = editor.parentElement;
  return p && p.getBoundingClientRect().height < editor.getBoundingClientRect().height * 3 + 40 ? p : editor;
}

/**
 * The acting profile or Page: the first labelled avatar of the composer's form (before the
 * editor), or null when none is visible. Without an editor: the visible composer's.
 * @param {HTMLElement} [editor]
 * @returns {string | null}
 */
export function accountHandle(editor) {
  editor ??= allEditors().find((e) => kindOf(e) === 'composer');
  const scope = editor?.closest(SELECTORS.form) || editor?.closest(SELECTORS.dialog);
  if (!scope || !editor) return null;
  for (const a of scope.querySelectorAll(SELECTORS.avatar)) {
    if (editor.contains(a) || !(a.compareDocumentPosition(editor) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    const name = (a.getAttribute('aria-label') || a.getAttribute('alt') || '').trim();
    if (name) return name.slice(0, 100);
  }
  return null;
}

/**
 * Whether the editor writes a reply: a comment box (checked only with include_comments).
 * @param {HTMLElement} editor
 */
export function isReply(editor) {
  return kindOf(editor) === 'comment';
}

/**
 * Whether a check-in (location tag) is set on the post: the composer's header reads
 * "NAME is at PLACE." or the check-in button is pressed.
 * @param {HTMLElement} editor
 */
export function hasLocationTag(editor) {
  const c = composerOf(editor);
  if (!c) return false;
  for (const b of c.querySelectorAll(SELECTORS.button)) {
    if (matches(labelOf(b), LABELS.checkIn) && b.getAttribute('aria-pressed') === 'true') return true;
  }
  const form = editor.closest(SELECTORS.form) || c;
  // Header lines above the editor (the name line grows "is at PLACE." once checked in).
  for (const el of form.querySelectorAll('h2, h3, h4, strong, span')) {
    if (el.contains(editor) || !(el.compareDocumentPosition(editor) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    const line = el.textContent ?? '';
    if (line.length < 200 && matches(line, LABELS.checkedIn)) return true;
  }
  return false;
}

/**
 * The composer a file input, a drop or a paste belongs to: its dialog.
 * @param {EventTarget | null} target
 * @returns {Element | null}
 */
export function composerAt(target) {
  return target instanceof Element ? composerOf(target) : null;
}

/**
 * Whether an element is the composer's file input (photos and videos).
 * @param {EventTarget | null} el
 */
export function isFileInput(el) {
  return el instanceof HTMLInputElement && el.type === 'file' && el.matches(SELECTORS.fileInput) && !!composerOf(el);
}

/**
 * One element per medium attached to a composer, in order: the remove buttons of its
 * previews, else the previews themselves.
 * @param {Element} composer
 * @returns {Element[]}
 */
export function previewsIn(composer) {
  const remove = [...composer.querySelectorAll(SELECTORS.button)].filter((b) => matches(b.getAttribute('aria-label'), LABELS.removeMedia));
  return remove.length ? remove : [...composer.querySelectorAll(SELECTORS.mediaPreview)];
}

/**
 * A composer dialog ("Create post") is open but no editor in it could be recognised (for the
 * badge to say so); null otherwise.
 * @returns {Element | null}
 */
export function unrecognisedComposer() {
  for (const d of document.querySelectorAll(SELECTORS.dialog)) {
    if (!matches(d.getAttribute('aria-label') || d.querySelector('h2')?.textContent, LABELS.createPost) || !isShown(d)) continue;
    if (!editorsIn(d).some((e) => editorOf(e) === e)) return d;
  }
  return null;
}
