// Writes a zip of a directory's files (`make zip`, `make package`), with Node alone: a fresh
// machine may have no `zip` command, and `make` needs Node anyway.
//   node scripts/zip.mjs OUT.zip DIR
// The archive is reproducible: entries in byte order of their paths (as `LC_ALL=C sort`), no
// directory entries, every timestamp 1980-01-01 00:00, Unix mode 0644, deflated (level 9) unless
// that makes an entry larger. Chrome Web Store, Edge Add-ons and addons.mozilla.org (an .xpi is
// such a zip) take it as `zip -X -D` wrote it.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';

const [out, dir] = process.argv.slice(2);
if (!out || !dir) {
  console.error('usage: node scripts/zip.mjs OUT.zip DIR');
  process.exit(2);
}

const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

function crc32(b) {
  let c = -1;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Every file under `root`, as `/`-separated paths relative to it. */
function files(root, rel = '') {
  return readdirSync(join(root, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return files(root, p);
    if (e.isFile()) return [p];
    throw new Error(`${join(root, p)}: neither a file nor a directory`);
  });
}

const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const DOS_TIME = 0;
const locals = [];
const central = [];
let offset = 0;
const names = files(dir).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
for (const name of names) {
  const data = readFileSync(join(dir, name));
  const deflated = deflateRawSync(data, { level: 9 });
  const [method, body] = deflated.length < data.length ? [8, deflated] : [0, data];
  const nameBuf = Buffer.from(name, 'utf8');
  const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : 0x0800; // bit 11: the name is UTF-8
  const crc = crc32(data);
  if (data.length > 0xfffffffe || offset > 0xfffffffe) throw new Error('zip64 is not supported');

  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(method, 8);
  local.writeUInt16LE(DOS_TIME, 10);
  local.writeUInt16LE(DOS_DATE, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  local.writeUInt16LE(0, 28); // no extra field
  locals.push(local, nameBuf, body);

  const entry = Buffer.alloc(46);
  entry.writeUInt32LE(0x02014b50, 0);
  entry.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
  entry.writeUInt16LE(20, 6);
  entry.writeUInt16LE(flags, 8);
  entry.writeUInt16LE(method, 10);
  entry.writeUInt16LE(DOS_TIME, 12);
  entry.writeUInt16LE(DOS_DATE, 14);
  entry.writeUInt32LE(crc, 16);
  entry.writeUInt32LE(body.length, 20);
  entry.writeUInt32LE(data.length, 24);
  entry.writeUInt16LE(nameBuf.length, 28);
  // extra field, comment, disk number, internal attributes: 0
  entry.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file, 0644
  entry.writeUInt32LE(offset, 42);
  central.push(entry, nameBuf);

  offset += local.length + nameBuf.length + body.length;
}
const centralSize = central.reduce((n, b) => n + b.length, 0);
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0);
end.writeUInt16LE(names.length, 8);
end.writeUInt16LE(names.length, 10);
end.writeUInt32LE(centralSize, 12);
end.writeUInt32LE(offset, 16);
if (names.length > 0xffff) throw new Error('too many files for a zip without zip64');

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, Buffer.concat([...locals, ...central, end]));
