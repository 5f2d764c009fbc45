import { isUtf8 } from 'node:buffer';
import { CloseCode } from '@plenary/shared/protocol';
import * as decoding from 'lib0/decoding';
import { ProtocolError } from './ProtocolError';

/**
 * One struct as the scan found it, in a record the scan reuses for the next struct (copy what you
 * keep). Ids are split into client and clock; -1 where the struct has no such field.
 */
export interface ScannedStruct {
  kind: 'item' | 'gc' | 'skip';
  client: number;
  clock: number;
  /** Clock length: characters (UTF-16 units) of a string, entries of a list, 1 for a type. */
  length: number;
  originClient: number;
  originClock: number;
  rightOriginClient: number;
  rightOriginClock: number;
  /** An item without origins names its parent: a root type (UTF-8 name at these byte offsets)… */
  parentNameStart: number;
  parentNameEnd: number;
  /** …or the item holding the parent type. */
  parentClient: number;
  parentClock: number;
  /** It names a map key (an item without origins in a map). */
  mapKey: boolean;
  /** Its content is a deleted range (ContentDeleted). */
  deletedContent: boolean;
}

/** Told about every struct and delete range, in order, while the scan walks the update. */
export interface UpdateVisitor {
  struct(struct: ScannedStruct): void;
  deleteRange(client: number, clock: number, length: number): void;
}

/** What a scan of an update found, before Yjs decodes or applies anything. */
export interface UpdateShape {
  /** Structs (items, GC and skip ranges) across all clients. */
  structs: number;
  /** Ranges in the delete set. */
  deleteRanges: number;
}

// Struct kinds and content references of the Yjs v1 update format (yjs src/utils/encoding.js,
// src/structs/Item.js); stable since Yjs 13.
const STRUCT_GC = 0;
const STRUCT_SKIP = 10;
const CONTENT_DELETED = 1;
const CONTENT_JSON = 2;
const CONTENT_BINARY = 3;
const CONTENT_STRING = 4;
const CONTENT_EMBED = 5;
const CONTENT_FORMAT = 6;
const CONTENT_TYPE = 7;
const CONTENT_ANY = 8;
const CONTENT_DOC = 9;
const TYPE_XML_ELEMENT = 3;
const TYPE_XML_HOOK = 5;
/** The last of Yjs's type references (YXmlText); Yjs has no reader for any past it. */
const TYPE_LAST = 6;
/**
 * How deep values may nest (a map in a list in a map…). Plenary writes flat values; lib0 reads
 * nesting by recursion, and some thousands of levels overflow the reader's stack.
 */
export const MAX_VALUE_DEPTH = 64;
// As lib0 decodes: a leading byte-order mark stays part of the text (JSON.parse refuses it).
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const BITS5 = 31;
const HAS_PARENT_SUB = 1 << 5;
const HAS_RIGHT_ORIGIN = 1 << 6;
const HAS_ORIGIN = 1 << 7;

/**
 * Walks a v1 update without building its structs (it parses only JSON values, as Yjs would), to
 * refuse it cheaply before Yjs spends time on it.
 * Yjs decodes and integrates every struct before anything can count them: an honest 8 MB update
 * of four million one-clock structs cost ~2.7 s of CPU and a gigabyte of memory. Counting here
 * costs a few milliseconds for the same bytes.
 *
 * Throws a ProtocolError for an update with more than `maxEntries` structs plus delete ranges, for
 * an item of length zero (Yjs stores it, but deleting the text around it then throws on every
 * client, locking everyone out of that paragraph), for bytes that end mid-struct, and for
 * everything Yjs itself would throw on while reading or integrating the update: text that is not
 * UTF-8, JSON that does not parse (a leading byte-order mark included), an unknown type, a number
 * that is not a safe integer, values nested past MAX_VALUE_DEPTH, an item that refers to a later
 * operation of its own client; for a client listed twice, of which Yjs would apply only the last
 * section; and for sub-documents, which Plenary does not use. What depends on the document the
 * update meets (cycles, map entries) is updateReach's; an update both pass is one Yjs applies
 * without throwing, so the server may store and send typing before it applies it (DocRoom).
 */
export function scanUpdate(update: Uint8Array, maxEntries: number, visitor?: UpdateVisitor): UpdateShape {
  const decoder = decoding.createDecoder(update);
  const struct: ScannedStruct = {
    kind: 'item',
    client: 0,
    clock: 0,
    length: 0,
    originClient: -1,
    originClock: -1,
    rightOriginClient: -1,
    rightOriginClock: -1,
    parentNameStart: -1,
    parentNameEnd: -1,
    parentClient: -1,
    parentClock: -1,
    mapKey: false,
    deletedContent: false,
  };
  let entries = 0;
  try {
    const clients = readUint(decoder);
    let structs = 0;
    // Yjs keeps only the last section of a client listed twice, so what it applies would differ
    // from the bytes stored and sent. No Yjs writer lists a client twice.
    const listed = clients > 1 ? new Set<number>() : null;
    for (let client = 0; client < clients; client++) {
      const structsOfClient = readUint(decoder);
      entries = countEntries(entries, structsOfClient, maxEntries);
      structs += structsOfClient;
      struct.client = readUint(decoder);
      if (listed) {
        if (listed.has(struct.client)) throw new ProtocolError('an update lists the operations of one client twice');
        listed.add(struct.client);
      }
      struct.clock = readUint(decoder);
      for (let index = 0; index < structsOfClient; index++) {
        readStruct(decoder, struct);
        visitor?.struct(struct);
        struct.clock += struct.length;
      }
    }
    const deleteClients = readUint(decoder);
    let deleteRanges = 0;
    for (let client = 0; client < deleteClients; client++) {
      const deleteClient = readUint(decoder);
      const ranges = readUint(decoder);
      entries = countEntries(entries, ranges, maxEntries);
      deleteRanges += ranges;
      for (let range = 0; range < ranges; range++) {
        const clock = readUint(decoder);
        const length = readUint(decoder);
        visitor?.deleteRange(deleteClient, clock, length);
      }
    }
    return { structs, deleteRanges };
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError('an update could not be decoded');
  }
}

/** Reads one struct's header into `struct` and skips its content, measuring its clock length. */
/** The running count of structs and deletions after `added` more; throws past `maxEntries`. */
function countEntries(entries: number, added: number, maxEntries: number): number {
  const total = entries + added;
  if (total > maxEntries) {
    throw new ProtocolError(`an update may carry at most ${maxEntries} structs and deletions`, CloseCode.MessageTooBig);
  }
  return total;
}

function readStruct(decoder: decoding.Decoder, struct: ScannedStruct): void {
  const info = decoding.readUint8(decoder);
  const kind = info & BITS5;
  struct.originClient = struct.originClock = struct.rightOriginClient = struct.rightOriginClock = -1;
  struct.parentNameStart = struct.parentNameEnd = struct.parentClient = struct.parentClock = -1;
  struct.mapKey = struct.deletedContent = false;
  if (kind === STRUCT_GC || kind === STRUCT_SKIP) {
    struct.kind = kind === STRUCT_GC ? 'gc' : 'skip';
    struct.length = nonZero(readUint(decoder));
    return;
  }
  struct.kind = 'item';
  if (info & HAS_ORIGIN) {
    struct.originClient = readUint(decoder);
    struct.originClock = readUint(decoder);
  }
  if (info & HAS_RIGHT_ORIGIN) {
    struct.rightOriginClient = readUint(decoder);
    struct.rightOriginClock = readUint(decoder);
  }
  if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
    // Without origins the item names its parent: a root type's name, or the id of a type item.
    if (readUint(decoder) === 1) {
      const bytes = skipText(decoder);
      struct.parentNameEnd = decoder.pos;
      struct.parentNameStart = decoder.pos - bytes;
    } else {
      struct.parentClient = readUint(decoder);
      struct.parentClock = readUint(decoder);
    }
    if (info & HAS_PARENT_SUB) {
      skipText(decoder);
      struct.mapKey = true;
    }
  }
  struct.deletedContent = kind === CONTENT_DELETED;
  struct.length = skipContent(decoder, kind);
  // Yjs skips the "is it missing?" check for references to the item's own client and looks them
  // up at once: one to a clock not yet integrated throws mid-update. No client writes one.
  if (
    (struct.originClient === struct.client && struct.originClock >= struct.clock) ||
    (struct.rightOriginClient === struct.client && struct.rightOriginClock >= struct.clock) ||
    (struct.parentClient === struct.client && struct.parentClock >= struct.clock)
  ) {
    throw new ProtocolError('an update item refers to a later operation of its own client');
  }
}

/** Skips an item's content, checking it as Yjs reads it; returns its clock length. */
function skipContent(decoder: decoding.Decoder, kind: number): number {
  switch (kind) {
    case CONTENT_DELETED:
      return nonZero(readUint(decoder));
    case CONTENT_JSON: {
      const length = nonZero(readUint(decoder));
      for (let index = 0; index < length; index++) {
        // Yjs writes `undefined` as this word, which is not JSON.
        const text = readText(decoder);
        if (text !== 'undefined') parseJson(text);
      }
      return length;
    }
    case CONTENT_BINARY:
      skipBytes(decoder);
      return 1;
    case CONTENT_EMBED:
      parseJson(readText(decoder));
      return 1;
    case CONTENT_STRING: {
      const bytes = nonZero(skipBytes(decoder));
      return utf16Length(decoder.arr, decoder.pos - bytes, decoder.pos);
    }
    case CONTENT_FORMAT:
      skipText(decoder);
      parseJson(readText(decoder));
      return 1;
    case CONTENT_TYPE: {
      const typeRef = readUint(decoder);
      if (typeRef > TYPE_LAST) throw new ProtocolError(`an update carries an unknown type ${typeRef}`);
      if (typeRef === TYPE_XML_ELEMENT || typeRef === TYPE_XML_HOOK) skipText(decoder);
      return 1;
    }
    case CONTENT_ANY: {
      const length = nonZero(readUint(decoder));
      for (let index = 0; index < length; index++) skipAny(decoder, 0);
      return length;
    }
    case CONTENT_DOC:
      // Plenary's documents have none, and a sub-document's options can break Yjs after the
      // fact: without options reading throws, with `guid: null` every later encode does.
      throw new ProtocolError('an update carries a sub-document, which Plenary documents do not have');
    default:
      throw new ProtocolError(`an update item has unknown content type ${kind}`);
  }
}

/**
 * A string's length as Yjs counts it (UTF-16 code units) from its UTF-8 bytes, without decoding:
 * every byte that starts a character counts one, and a four-byte character (a surrogate pair) two.
 * Only for valid UTF-8 (what every Yjs client writes): Yjs would count replacement characters in
 * anything else, and the clocks of the structs after it would no longer match.
 */
function utf16Length(bytes: Uint8Array, start: number, end: number): number {
  if (!isUtf8(bytes.subarray(start, end))) throw new ProtocolError('an update carries text that is not UTF-8');
  let units = 0;
  for (let index = start; index < end; index++) {
    const byte = bytes[index] ?? 0;
    if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
  }
  return units;
}

/**
 * Skips one value of lib0's `writeAny` encoding (the tag counts down from 127), checking its
 * strings. lib0 reads nested values by recursion, so a deep enough nesting overflows the stack of
 * whoever reads it (every client too): values nest at most MAX_VALUE_DEPTH deep.
 */
function skipAny(decoder: decoding.Decoder, depth: number): void {
  if (depth > MAX_VALUE_DEPTH)
    throw new ProtocolError(`an update carries values nested deeper than ${MAX_VALUE_DEPTH}`);
  const tag = decoding.readUint8(decoder);
  switch (tag) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return;
    case 125:
      decoding.readVarInt(decoder);
      return;
    case 124:
      advance(decoder, 4);
      return;
    case 123:
    case 122:
      advance(decoder, 8);
      return;
    case 119: // string
      skipText(decoder);
      return;
    case 116: // bytes
      skipBytes(decoder);
      return;
    case 118: {
      const keys = readUint(decoder);
      for (let index = 0; index < keys; index++) {
        skipText(decoder);
        skipAny(decoder, depth + 1);
      }
      return;
    }
    case 117: {
      const length = readUint(decoder);
      for (let index = 0; index < length; index++) skipAny(decoder, depth + 1);
      return;
    }
    default:
      throw new ProtocolError(`an update carries an unknown value tag ${tag}`);
  }
}

/** Skips a length-prefixed string, refusing bytes that are not UTF-8 (lib0 decodes strictly); returns its length in bytes. */
function skipText(decoder: decoding.Decoder): number {
  const bytes = skipBytes(decoder);
  if (!isUtf8(decoder.arr.subarray(decoder.pos - bytes, decoder.pos))) {
    throw new ProtocolError('an update carries text that is not UTF-8');
  }
  return bytes;
}

/** Reads a length-prefixed UTF-8 string. */
function readText(decoder: decoding.Decoder): string {
  const bytes = skipText(decoder);
  return utf8.decode(decoder.arr.subarray(decoder.pos - bytes, decoder.pos));
}

/** Parses JSON as Yjs does for embeds, format values and JSON content, refusing what it would throw on. */
function parseJson(text: string): void {
  try {
    JSON.parse(text);
  } catch {
    throw new ProtocolError('an update carries JSON that does not parse');
  }
}

/**
 * lib0's unsigned varint, refused when it is not a safe integer: lib0 checks the range only between
 * bytes, so a long run of zero-valued bytes reads as NaN or Infinity, which every comparison here
 * would let through (a NaN clock, an Infinity client id that no encoder can write back).
 */
function readUint(decoder: decoding.Decoder): number {
  const value = decoding.readVarUint(decoder);
  if (!Number.isSafeInteger(value)) throw new ProtocolError('an update carries a number out of range');
  return value;
}

/** Skips a length-prefixed string or byte array; returns its length in bytes. */
function skipBytes(decoder: decoding.Decoder): number {
  const length = readUint(decoder);
  advance(decoder, length);
  return length;
}

function advance(decoder: decoding.Decoder, bytes: number): void {
  if (decoder.pos + bytes > decoder.arr.length) throw new ProtocolError('an update ends in the middle of a struct');
  decoder.pos += bytes;
}

function nonZero(length: number): number {
  if (length <= 0) throw new ProtocolError('an update item has no content');
  return length;
}
