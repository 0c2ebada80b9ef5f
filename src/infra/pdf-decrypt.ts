import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import type { PDFContext, PDFDict, PDFDocument, PDFObject, PDFRawStream, PDFRef } from 'pdf-lib';
import { pdfLib } from './pdf-lib.js';

/**
 * The PDF standard security handler (ISO 32000-2 §7.6.4), opened with the empty user password.
 * A PDF with only an owner password (printable, not editable) opens in every reader without a
 * password: its content is encrypted with a key any reader can compute. pdf-lib cannot decrypt,
 * so copying its pages gives blank or garbled pages; here the document is decrypted in place.
 */

type Cipher = 'none' | 'rc4' | 'aes128' | 'aes256';

interface Security {
  key: Buffer;
  streams: Cipher;
  strings: Cipher;
  metadata: boolean;
}

const passwordPadding = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]) => parts.reduce((hash, part) => hash.update(part), createHash('md5')).digest();

/** Algorithm 2.B (revision 6): the hardened hash of a password with a salt. */
function hash6(password: Buffer, salt: Buffer, userKey: Buffer): Buffer {
  let k = createHash('sha256')
    .update(Buffer.concat([password, salt, userKey]))
    .digest();
  for (let round = 0; ; round++) {
    const k1 = Buffer.concat(Array.from({ length: 64 }, () => Buffer.concat([password, k, userKey])));
    const cipher = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32)).setAutoPadding(false);
    const e = Buffer.concat([cipher.update(k1), cipher.final()]);
    const sum = e.subarray(0, 16).reduce((total, byte) => total + byte, 0);
    k = createHash(['sha256', 'sha384', 'sha512'][sum % 3]!)
      .update(e)
      .digest();
    if (round >= 63 && e[e.length - 1]! <= round - 31) return k.subarray(0, 32);
  }
}

/** The file key for the empty user password, or undefined when opening needs a password. */
function fileKey(dict: PDFDict, id: Uint8Array, revision: number, metadata: boolean): Buffer | undefined {
  const bytes = (name: string) => Buffer.from(stringBytes(dict.lookup(pdfLib().PDFName.of(name))) ?? []);
  const [owner, user] = [bytes('O'), bytes('U')];
  if (revision >= 5) {
    const empty = Buffer.alloc(0);
    const check = revision === 5 ? createHash('sha256').update(user.subarray(32, 40)).digest() : hash6(empty, user.subarray(32, 40), empty);
    if (!check.equals(user.subarray(0, 32))) return undefined;
    const intermediate = revision === 5 ? createHash('sha256').update(user.subarray(40, 48)).digest() : hash6(empty, user.subarray(40, 48), empty);
    const decipher = createDecipheriv('aes-256-cbc', intermediate, Buffer.alloc(16)).setAutoPadding(false);
    return Buffer.concat([decipher.update(bytes('UE')), decipher.final()]);
  }
  const length = revision === 2 ? 5 : number(dict, 'Length', 40) / 8;
  const permissions = Buffer.alloc(4);
  permissions.writeInt32LE(number(dict, 'P', 0) | 0);
  let key = md5(passwordPadding, owner, permissions, id, revision >= 4 && !metadata ? Buffer.from([255, 255, 255, 255]) : Buffer.alloc(0));
  if (revision >= 3) for (let i = 0; i < 50; i++) key = md5(key.subarray(0, length));
  key = key.subarray(0, length);
  if (revision === 2) return rc4(key, passwordPadding).equals(user) ? key : undefined;
  let check = rc4(key, md5(passwordPadding, id));
  for (let i = 1; i <= 19; i++)
    check = rc4(
      key.map((byte) => byte ^ i),
      check,
    );
  return check.equals(user.subarray(0, 16)) ? key : undefined;
}

function number(dict: PDFDict, name: string, fallback: number): number {
  const value = dict.lookup(pdfLib().PDFName.of(name));
  return value instanceof pdfLib().PDFNumber ? value.asNumber() : fallback;
}

function stringBytes(value: PDFObject | undefined): Uint8Array | undefined {
  const { PDFString, PDFHexString } = pdfLib();
  return value instanceof PDFString || value instanceof PDFHexString ? value.asBytes() : undefined;
}

function cipherOf(dict: PDFDict, version: number, which: 'StmF' | 'StrF'): Cipher {
  const { PDFName, PDFDict } = pdfLib();
  if (version < 4) return 'rc4';
  const name = dict.lookup(PDFName.of(which));
  if (!(name instanceof PDFName) || name.asString() === '/Identity') return 'none';
  const filter = dict.lookup(PDFName.of('CF'), PDFDict).lookup(PDFName.of(name.asString().slice(1)), PDFDict);
  const method = filter.lookup(PDFName.of('CFM'));
  const methods: Record<string, Cipher> = { '/V2': 'rc4', '/AESV2': 'aes128', '/AESV3': 'aes256', '/None': 'none' };
  const cipher = method instanceof PDFName ? methods[method.asString()] : 'none';
  if (!cipher) throw new Error(`unknown crypt filter ${String(method)}`);
  return cipher;
}

function decrypt(security: Security, cipher: Cipher, ref: PDFRef, data: Uint8Array): Uint8Array {
  if (cipher === 'none') return data;
  let key = security.key;
  if (cipher !== 'aes256') {
    const object = Buffer.from([ref.objectNumber, ref.objectNumber >> 8, ref.objectNumber >> 16, ref.generationNumber, ref.generationNumber >> 8]);
    key = md5(key, object, cipher === 'aes128' ? Buffer.from('sAlT', 'latin1') : Buffer.alloc(0)).subarray(0, Math.min(key.length + 5, 16));
  }
  if (cipher === 'rc4') return rc4(key, data);
  if (data.length < 32) return new Uint8Array(0);
  const decipher = createDecipheriv(cipher === 'aes128' ? 'aes-128-cbc' : 'aes-256-cbc', key, data.subarray(0, 16));
  return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]);
}

/** Strings inside an object, decrypted with its object's key. */
function decryptStrings(security: Security, ref: PDFRef, value: PDFObject): PDFObject {
  const { PDFArray, PDFDict, PDFHexString } = pdfLib();
  const bytes = stringBytes(value);
  if (bytes) return PDFHexString.of(Buffer.from(decrypt(security, security.strings, ref, bytes)).toString('hex'));
  if (value instanceof PDFDict) for (const [key, item] of value.entries()) value.set(key, decryptStrings(security, ref, item));
  if (value instanceof PDFArray) for (let i = 0; i < value.size(); i++) value.set(i, decryptStrings(security, ref, value.get(i)));
  return value;
}

/**
 * Decrypts a document pdf-lib loaded with `ignoreEncryption`. Returns false when it cannot be
 * opened without a password (or uses a security handler other than the standard one).
 */
export async function decryptWithoutPassword(document: PDFDocument): Promise<boolean> {
  const { PDFDict, PDFName, PDFRawStream, PDFInvalidObject, PDFObjectParser, PDFObjectStreamParser, PDFArray, PDFRef } = pdfLib();
  const context: PDFContext = document.context;
  const encryptRef = context.trailerInfo.Encrypt;
  const dict = context.lookup(encryptRef);
  if (!(dict instanceof PDFDict) || dict.lookup(PDFName.of('Filter')) !== PDFName.of('Standard')) return false;
  const ids = context.trailerInfo.ID;
  const id = (ids instanceof PDFArray ? stringBytes(ids.get(0)) : undefined) ?? new Uint8Array(0);
  const version = number(dict, 'V', 0);
  const revision = number(dict, 'R', 0);
  const metadata = dict.lookup(PDFName.of('EncryptMetadata')) !== pdfLib().PDFBool.False;
  const key = fileKey(dict, id, revision, metadata);
  if (!key) return false;
  const security: Security = { key, streams: cipherOf(dict, version, 'StmF'), strings: cipherOf(dict, version, 'StrF'), metadata };
  const objectStreams: [PDFRef, PDFRawStream][] = [];
  const type = (stream: { dict: PDFDict }) => stream.dict.lookup(PDFName.of('Type'));
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (encryptRef instanceof PDFRef && ref === encryptRef) continue;
    let value = object;
    // pdf-lib could not unpack an encrypted object stream: it kept its bytes as an invalid object.
    if (value instanceof PDFInvalidObject) {
      const parsed = PDFObjectParser.forBytes((value as unknown as { data: Uint8Array }).data, context).parseObject();
      if (!(parsed instanceof PDFRawStream) || type(parsed) !== PDFName.of('ObjStm')) continue;
      value = parsed;
    }
    if (value instanceof PDFRawStream) {
      if (type(value) === PDFName.of('XRef')) continue;
      const plain = type(value) === PDFName.of('Metadata') && !metadata ? value.contents : decrypt(security, security.streams, ref, value.contents);
      const stream = PDFRawStream.of(decryptStrings(security, ref, value.dict) as PDFDict, plain);
      if (type(value) === PDFName.of('ObjStm')) objectStreams.push([ref, stream]);
      else context.assign(ref, stream);
    } else {
      context.assign(ref, decryptStrings(security, ref, value));
    }
  }
  // Objects packed in an object stream were encrypted only as part of the stream.
  for (const [ref, stream] of objectStreams) {
    context.delete(ref);
    await PDFObjectStreamParser.forStream(stream).parseIntoContext();
  }
  if (encryptRef instanceof PDFRef) context.delete(encryptRef);
  delete context.trailerInfo.Encrypt;
  return true;
}
