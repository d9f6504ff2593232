// Images attached to a composer (file input, drag and drop, paste): reads the parts of each
// file that hold its metadata (Blob.slice: the first 256 KB and the last 64 KB, plus a range the
// checker asks for; never the whole of a large file), has the background's checker read them,
// and keeps the findings per composer until the attachment leaves it (the site's preview with
// its remove button goes away, the composer closes, or the post goes out). The bytes go only to
// the extension's own background; nothing is uploaded anywhere. A corrupt or truncated image
// gives no finding and no error for the user, only a console line. A check that fails (the
// checker cannot run, throws, or does not answer in time) leaves the photo "not checked": the
// gate applies the policy's fail mode to it as to a text that could not be checked.

import { checkImage } from './client.js';

/**
 * @typedef {import('../ui/texts.js').Finding} Finding
 * @typedef {import('./client.js').ImageFailure} ImageFailure
 * @typedef {{
 *   id: string, name: string, size: number, image: boolean, composer: Element,
 *   preview: Element | null, findings: Finding[], pending: Promise<void> | null,
 *   ignored: Set<string>, added: number, failure: ImageFailure | null,
 * }} Attachment
 * @typedef {{
 *   previewsIn: (composer: Element) => Element[],
 *   context: (composer: Element) => object,
 *   onChange: () => void,
 * }} AttachmentDeps
 */

/**
 * A file the site did not take (X refuses a fifth photo): no preview of it appears while the
 * composer shows the others'. After this long it is let go. Without any recognised preview
 * (the site's DOM changed) an attachment is kept until the composer closes or posts: a warning
 * too many is better than one missed.
 */
const UNCLAIMED_MS = 3000;
/** How many times the checker may ask for another range of the same file (docs/images.md). */
const MAX_ROUNDS = 8;
/** Figures for tests and diagnostics (never any bytes, names or text). */
export const imageStats = { checked: 0, bytesRead: 0, lastMs: 0, encodeMs: 0, rounds: 0 };

let nextId = 1;

export class Attachments {
  /** @param {AttachmentDeps} deps */
  constructor(deps) {
    this.deps = deps;
    /** In the order they were attached. @type {Attachment[]} */
    this.list = [];
  }

  /**
   * Files were attached to a composer: check each image among them.
   * @param {Iterable<File>} files
   * @param {Element} composer
   */
  add(files, composer) {
    for (const file of files) {
      // Every attached file claims a preview (videos too), but only images are read.
      const image = /^image\//.test(file.type) || file.type === '';
      /** @type {Attachment} */
      const a = { id: `a${nextId++}`, name: file.name || '', size: file.size, image, composer, preview: null, findings: [], pending: null, ignored: new Set(), added: performance.now(), failure: null };
      this.list.push(a);
      if (image) {
        a.pending = this.check(a, file).finally(() => {
          a.pending = null;
          this.deps.onChange();
        });
      }
    }
    this.sweep();
    this.deps.onChange();
    setTimeout(() => this.sweep(), UNCLAIMED_MS + 100);
  }

  /**
   * Reads the file's metadata parts and asks the checker, as many rounds as it needs.
   * @param {Attachment} a
   * @param {File} file
   */
  async check(a, file) {
    const t0 = performance.now();
    const context = this.deps.context(a.composer);
    /** @type {[number, number][]} */
    const parts = [];
    /** @type {Uint8Array[]} */
    const chunks = [];
    /** @type {[number, number][]} */
    let want = [];
    for (let round = 0; round <= MAX_ROUNDS; round++) {
      for (const [off, len] of want) {
        const bytes = new Uint8Array(await file.slice(off, off + len).arrayBuffer());
        parts.push([off, bytes.length]);
        chunks.push(bytes);
        imageStats.bytesRead += bytes.length;
      }
      const res = await checkImage({ id: a.id, size: file.size, parts, chunks, context });
      imageStats.encodeMs = res.encodeMs ?? 0;
      if (!this.list.includes(a)) return; // removed meanwhile
      if ('read' in res) {
        want = res.read;
        imageStats.rounds += 1;
        if (want.length) continue;
      }
      if ('error' in res) {
        console.info(`postcheck: attached image ${a.id} not checked: ${res.error}`);
        a.failure = res;
      } else if ('findings' in res) {
        if (res.note) console.info(`postcheck: attached image ${a.id} (${res.format ?? 'unknown format'}): ${res.note}`);
        a.findings = res.findings.map((f) => ({ ...f, start: 0, end: 0, attachment: a.id }));
      }
      imageStats.checked += 1;
      imageStats.lastMs = performance.now() - t0;
      return;
    }
    console.info(`postcheck: attached image ${a.id}: the metadata was not found within ${MAX_ROUNDS} reads`);
  }

  /**
   * Matches attachments with the site's previews (in the order both appeared) and drops those
   * whose preview went away (removed by the user) or whose composer left the document.
   * A preview re-rendered in place (a new node) is claimed again.
   */
  sweep() {
    let changed = false;
    /** @type {Map<Element, Element[]>} */
    const previews = new Map();
    const free = (/** @type {Element} */ c) => {
      if (!previews.has(c)) {
        const claimed = new Set(this.list.filter((x) => x.composer === c && x.preview?.isConnected).map((x) => x.preview));
        previews.set(c, this.deps.previewsIn(c).filter((p) => !claimed.has(p)));
      }
      return /** @type {Element[]} */ (previews.get(c));
    };
    for (const a of [...this.list]) {
      if (!a.composer.isConnected) {
        this.drop(a);
        changed = true;
        continue;
      }
      if (a.preview && a.preview.isConnected) continue;
      const next = free(a.composer).shift() ?? null;
      if (next) {
        a.preview = next;
      } else if (a.preview) {
        this.drop(a); // its preview went away and none took its place: removed
        changed = true;
      } else if (performance.now() - a.added > UNCLAIMED_MS && this.deps.previewsIn(a.composer).length > 0) {
        this.drop(a); // the site shows the other files' previews but never one for this file
        changed = true;
      }
    }
    if (changed) this.deps.onChange();
  }

  /** @param {Attachment} a */
  drop(a) {
    this.list = this.list.filter((x) => x !== a);
  }

  /**
   * The post went out (or the composer was emptied): its attachments go with it.
   * @param {Element} composer
   */
  clear(composer) {
    const before = this.list.length;
    this.list = this.list.filter((a) => a.composer !== composer);
    if (this.list.length !== before) this.deps.onChange();
  }

  /**
   * The attachments of a composer.
   * @param {Element | null} composer
   */
  of(composer) {
    return composer ? this.list.filter((a) => a.composer === composer) : [];
  }

  /**
   * The findings shown for a composer's attachments, each naming its file.
   * @param {Element | null} composer
   * @returns {{a: Attachment, f: Finding}[]}
   */
  shown(composer) {
    return this.of(composer).flatMap((a) => a.findings.filter((f) => f.severity === 'block' || !a.ignored.has(f.rule)).map((f) => ({ a, f })));
  }

  /**
   * Whether a composer's attachments are all checked.
   * @param {Element | null} composer
   */
  settled(composer) {
    return this.of(composer).every((a) => !a.pending);
  }

  /**
   * Why an image attached to a composer could not be checked (the first such), or null.
   * @param {Element | null} composer
   * @returns {ImageFailure | null}
   */
  failure(composer) {
    return this.of(composer).find((a) => a.failure)?.failure ?? null;
  }

  /**
   * Waits for a composer's attachments to be checked.
   * @param {Element | null} composer
   */
  async whenSettled(composer) {
    await Promise.all(this.of(composer).map((a) => a.pending));
  }

  /**
   * "Ignore this once" for an attachment's finding.
   * @param {Attachment} a
   * @param {Finding} f
   */
  ignore(a, f) {
    if (f.severity === 'block') return;
    a.ignored.add(f.rule);
    this.deps.onChange();
  }
}

/**
 * The files of a paste or drop that may be images (a paste of text has none): an image type,
 * or none at all (the browser gives some HEIC files an empty type, as the file input does). The
 * checker reads what the bytes are (`Format::sniff`): bytes that are no image give no finding.
 * @param {DataTransfer | null} dt
 * @returns {File[]}
 */
export function imageFiles(dt) {
  if (!dt) return [];
  return [...dt.files].filter((f) => /^image\//.test(f.type) || f.type === '');
}
