// Photos for the e2e tests (tests/images/, made by scripts/make-test-images.sh) and the ways a
// user attaches them besides the file input: paste into the editor and drop on the composer,
// done in the page with a DataTransfer holding a real File (as the browser builds for a paste).

import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './server.mjs';

const IMAGES = path.join(ROOT, 'tests/images');

export const PHOTOS = {
  /** GPS 34.8627 N 133.6946 E (吉備中央町役場), taken 2026:11:22 10:15:30. */
  gps: path.join(IMAGES, 'gps-ne.jpg'),
  /** Exif without GPS. */
  clean: path.join(IMAGES, 'no-gps.jpg'),
  /** HEIC, GPS 35.8563 N 139.9027 E (流山市役所), taken 2026:05:03 11:20:00. */
  heic: path.join(IMAGES, 'gps.heic'),
};

/** The checker's message on PHOTOS.gps, as the panel and the dialog show it. */
export const gpsMessage = {
  ja: 'この画像には撮影場所の位置情報（GPS）が記録されています：岡山県加賀郡吉備中央町付近（北緯34.8627度、東経133.6946度）、撮影日時 2026年11月22日 10:15。',
  en: 'This image records where it was taken (GPS): near 加賀郡吉備中央町, Okayama Prefecture (34.8627° N, 133.6946° E), taken 2026-11-22 10:15.',
};

/**
 * Pastes an image file into an element (a ClipboardEvent whose clipboardData holds the file),
 * as the browser does when a copied photo is pasted.
 * @param {{evaluate: Function}} page
 * @param {string} sel
 * @param {string} file
 * @param {string} name  the file name the clipboard gives it
 * @param {string} [type]  the MIME type the browser gives the file ('' for none, as some HEIC files get)
 */
export function pasteImage(page, sel, file, name, type = 'image/jpeg') {
  return page.evaluate(({ sel, b64, name, type }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name, { type }));
    const el = /** @type {HTMLElement} */ (document.querySelector(sel));
    el.focus();
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true }));
  }, { sel, b64: fs.readFileSync(file).toString('base64'), name, type });
}

/**
 * Drops an image file on an element (dragenter, dragover, drop with the file).
 * @param {{evaluate: Function}} page
 * @param {string} sel
 * @param {string} file
 * @param {string} [type]  the MIME type the browser gives the file ('' for none, as some HEIC files get)
 */
export function dropImage(page, sel, file, type = 'image/jpeg') {
  return page.evaluate(({ sel, b64, name, type }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name, { type }));
    const el = /** @type {HTMLElement} */ (document.querySelector(sel));
    for (const type of ['dragenter', 'dragover', 'drop']) el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
  }, { sel, b64: fs.readFileSync(file).toString('base64'), name: path.basename(file), type });
}

/**
 * A JPEG of at least `size` bytes: the photo (Exif with GPS in its head), then data after its
 * end-of-image marker, as a phone's "motion photo" carries its video. Returns the size.
 * @param {string} from
 * @param {string} to
 * @param {number} size
 */
export function bigJpeg(from, to, size) {
  const head = fs.readFileSync(from);
  const tail = Buffer.alloc(size - head.length);
  for (let i = 0; i < tail.length; i += 1) tail[i] = (i * 2654435761) >>> 24;
  fs.writeFileSync(to, Buffer.concat([head, tail]));
  return size;
}

/**
 * Clicks the first "Remove media" button of the attachment previews under `scope`.
 * @param {{click: Function}} page
 * @param {string} scope
 */
export function removeMedia(page, scope) {
  return page.click(`${scope} [data-testid="attachments"] [aria-label="Remove media"]`);
}
