// Everything postcheck knows about Facebook's compose DOM, in one place (facts/compose-dom.md).
// When Facebook changes its DOM or its wording, the two tables below are the one edit to make.
//
// What is checked: the Lexical editor of the "Create post" dialog (profiles and Pages, feed
// and Page/group timelines all open the same dialog). What is not: comment boxes (unless the
// policy's `include_comments` is on), Messenger, hidden copies of an editor (aria-hidden,
// display:none, zero-size), any other contenteditable (search, chat).
// Who posts (the acting profile or Page, matched against the policy's official_handles by the
// checker): the voice switcher's "Posting as NAME", else the header avatar's name, plus the
// header's link to the profile or Page (vanity name or page id) when there is one.
// The Pages flow is gated at "Next": the editor (and the chance to fix the text) is gone after
// it, and what Next lets through cannot change before the final Post ("Back" re-opens the
// composer, and Next is gated again).
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
  /** The acting profile's or Page's link in the dialog header (its vanity name or page id). */
  profileLink: 'a[href]',
  /** Where Facebook says who posts ("Posting as NAME", the voice switcher): labelled controls
   *  and short text lines of the dialog header. */
  postingAs: '[aria-label], span, strong, h3, h4',
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
  /**
   * Who posts, when the composer says so: the voice switcher of a Page admin. The first group is
   * the Page's or person's name. (Wording as reported by users; unverified.)
   */
  postingAs: [/^Posting as (.{1,100})$/, /^Post as (.{1,100})$/, /^(.{1,100}?)\s*として投稿(?:中|する)?$/],
  /** A comment box's label naming who comments ("Comment as NAME"; ja unverified). */
  commentAs: [/^Comment as (.{1,100})$/, /^Reply as (.{1,100})$/, /^(.{1,100}?)\s*としてコメント/],
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
 * The acting profile's or Page's avatar: the first labelled avatar of the composer's form
 * before the editor.
 * @param {HTMLElement} editor
 * @returns {Element | null}
 */
function actingAvatar(editor) {
  const scope = editor.closest(SELECTORS.form) || editor.closest(SELECTORS.dialog);
  if (!scope) return null;
  for (const a of scope.querySelectorAll(SELECTORS.avatar)) {
    if (editor.contains(a) || !(a.compareDocumentPosition(editor) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    if ((a.getAttribute('aria-label') || a.getAttribute('alt') || '').trim()) return a;
  }
  return null;
}

/**
 * Elements of the composer's form before the editor (its header), matching `sel`.
 * @param {HTMLElement} editor
 * @param {string} sel
 */
function headerOf(editor, sel) {
  const scope = editor.closest(SELECTORS.form) || editor.closest(SELECTORS.dialog);
  if (!scope) return [];
  return [...scope.querySelectorAll(sel)].filter((el) => !el.contains(editor) && !editor.contains(el) && (el.compareDocumentPosition(editor) & Node.DOCUMENT_POSITION_FOLLOWING));
}

/**
 * A link to a Facebook profile or Page as an absolute address (its vanity name or page id is
 * what the policy may list), or null for any other link (hashtags, help, groups, events).
 * @param {Element} a
 */
function profileUrl(a) {
  let u;
  try {
    u = new URL(a.getAttribute('href') ?? '', location.href);
  } catch {
    return null;
  }
  if (!/(^|\.)facebook\.com$/.test(u.hostname)) return null;
  const segs = u.pathname.split('/').filter(Boolean);
  if (segs[0] === 'profile.php' && /^\d+$/.test(u.searchParams.get('id') ?? '')) return `https://www.facebook.com/profile.php?id=${u.searchParams.get('id')}`;
  if (segs[0] === 'people' && segs.length >= 3) return `https://www.facebook.com/people/${segs[1]}/${segs[2]}`;
  if (segs.length === 1 && /^[\w.-]{2,80}$/.test(segs[0]) && !/^(hashtag|groups|events|help|watch|marketplace|gaming|stories|reel|photo\.php|home\.php|settings|privacy)$/.test(segs[0])) return `https://www.facebook.com/${segs[0]}`;
  return null;
}

/**
 * Who posts: the acting profile or Page, as the composer shows it, one identifier per line
 * (the checker matches any line against the policy's `official_handles.facebook`):
 * 1. the name in "Posting as NAME" / 「NAMEとして投稿」 (a Page admin's voice switcher), else
 *    the label of the header's avatar (the name Facebook shows above the editor);
 * 2. the address of the header's link to that profile or Page (vanity name or page id), when
 *    there is one.
 * Null when the composer shows neither. A comment box: the name in its label "Comment as NAME".
 * Without an editor: the visible composer's.
 * @param {HTMLElement} [editor]
 * @returns {string | null}
 */
export function accountHandle(editor) {
  editor ??= allEditors().find((e) => kindOf(e) === 'composer');
  if (!editor) return null;
  if (kindOf(editor) === 'comment') {
    const label = (editor.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim();
    const m = LABELS.commentAs.map((re) => label.match(re)).find((x) => x);
    return m ? m[1].trim() : null;
  }
  /** @type {string[]} */
  const ids = [];
  for (const el of headerOf(editor, SELECTORS.postingAs)) {
    const v = (el.getAttribute('aria-label') || (el.childElementCount === 0 ? el.textContent : '') || '').replace(/\s+/g, ' ').trim();
    const m = LABELS.postingAs.map((re) => v.match(re)).find((x) => x);
    if (m) {
      ids.push(m[1].trim());
      break;
    }
  }
  if (ids.length === 0) {
    const a = actingAvatar(editor);
    const name = (a?.getAttribute('aria-label') || a?.getAttribute('alt') || '').trim();
    if (name) ids.push(name.slice(0, 100));
  }
  for (const a of headerOf(editor, SELECTORS.profileLink)) {
    const url = profileUrl(a);
    if (url) {
      ids.push(url);
      break;
    }
  }
  return ids.length ? ids.join('\n') : null;
}

/**
 * Where the badge goes in a composer dialog: the row of the acting profile's avatar, across
 * the dialog (above the editor, clear of the text and of Post/Next). Null without an avatar.
 * @param {HTMLElement} editor
 * @returns {DOMRect | null}
 */
export function badgeBand(editor) {
  const dialog = composerOf(editor);
  const a = actingAvatar(editor);
  if (!dialog || !a) return null;
  const d = dialog.getBoundingClientRect();
  const r = a.getBoundingClientRect();
  return r.height > 0 ? new DOMRect(d.left, r.top, d.width, r.height) : null;
}

/**
 * Whether Enter in the editor sends what is written (a comment box: Shift+Enter starts a new
 * line, Enter sends). The gate holds that Enter like a click on Post.
 * @param {HTMLElement} editor
 */
export function sendsOnEnter(editor) {
  return kindOf(editor) === 'comment';
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
