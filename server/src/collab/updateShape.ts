import { CloseCode } from '@plenary/shared/protocol';
import * as decoding from 'lib0/decoding';
import { ProtocolError } from './ProtocolError';

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
const BITS5 = 31;
const HAS_PARENT_SUB = 1 << 5;
const HAS_RIGHT_ORIGIN = 1 << 6;
const HAS_ORIGIN = 1 << 7;

/**
 * Walks a v1 update without building anything, to refuse it cheaply before Yjs spends time on it.
 * Yjs decodes and integrates every struct before anything can count them: an honest 8 MB update
 * of four million one-clock structs cost ~2.7 s of CPU and a gigabyte of memory. Counting here
 * costs a few milliseconds for the same bytes.
 *
 * Throws a ProtocolError for an update with more than `maxEntries` structs plus delete ranges, for
 * an item of length zero (Yjs stores it, but deleting the text around it then throws on every
 * client, locking everyone out of that paragraph), and for bytes that end mid-struct.
 */
export function scanUpdate(update: Uint8Array, maxEntries: number): UpdateShape {
  const decoder = decoding.createDecoder(update);
  let entries = 0;
  const count = (added: number) => {
    entries += added;
    if (entries > maxEntries) {
      throw new ProtocolError(
        `an update may carry at most ${maxEntries} structs and deletions`,
        CloseCode.MessageTooBig,
      );
    }
  };
  try {
    const clients = decoding.readVarUint(decoder);
    let structs = 0;
    for (let client = 0; client < clients; client++) {
      const structsOfClient = decoding.readVarUint(decoder);
      count(structsOfClient);
      structs += structsOfClient;
      decoding.readVarUint(decoder); // client id
      decoding.readVarUint(decoder); // first clock
      for (let index = 0; index < structsOfClient; index++) skipStruct(decoder);
    }
    const deleteClients = decoding.readVarUint(decoder);
    let deleteRanges = 0;
    for (let client = 0; client < deleteClients; client++) {
      decoding.readVarUint(decoder); // client id
      const ranges = decoding.readVarUint(decoder);
      count(ranges);
      deleteRanges += ranges;
      for (let range = 0; range < ranges; range++) {
        decoding.readVarUint(decoder); // clock
        decoding.readVarUint(decoder); // length
      }
    }
    return { structs, deleteRanges };
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError('an update could not be decoded');
  }
}

function skipStruct(decoder: decoding.Decoder): void {
  const info = decoding.readUint8(decoder);
  const kind = info & BITS5;
  if (kind === STRUCT_GC || kind === STRUCT_SKIP) {
    nonZero(decoding.readVarUint(decoder));
    return;
  }
  if (info & HAS_ORIGIN) skipId(decoder);
  if (info & HAS_RIGHT_ORIGIN) skipId(decoder);
  if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
    // Without origins the item names its parent: a root type's name, or the id of a type item.
    if (decoding.readVarUint(decoder) === 1) skipBytes(decoder);
    else skipId(decoder);
    if (info & HAS_PARENT_SUB) skipBytes(decoder);
  }
  skipContent(decoder, kind);
}

function skipContent(decoder: decoding.Decoder, kind: number): void {
  switch (kind) {
    case CONTENT_DELETED:
      nonZero(decoding.readVarUint(decoder));
      return;
    case CONTENT_JSON: {
      const length = nonZero(decoding.readVarUint(decoder));
      for (let index = 0; index < length; index++) skipBytes(decoder);
      return;
    }
    case CONTENT_BINARY:
    case CONTENT_EMBED:
      skipBytes(decoder);
      return;
    case CONTENT_STRING:
      nonZero(skipBytes(decoder));
      return;
    case CONTENT_FORMAT:
      skipBytes(decoder);
      skipBytes(decoder);
      return;
    case CONTENT_TYPE: {
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef === TYPE_XML_ELEMENT || typeRef === TYPE_XML_HOOK) skipBytes(decoder);
      return;
    }
    case CONTENT_ANY: {
      const length = nonZero(decoding.readVarUint(decoder));
      for (let index = 0; index < length; index++) skipAny(decoder);
      return;
    }
    case CONTENT_DOC:
      skipBytes(decoder);
      skipAny(decoder);
      return;
    default:
      throw new ProtocolError(`an update item has unknown content type ${kind}`);
  }
}

/** Skips one value of lib0's `writeAny` encoding (the tag counts down from 127). */
function skipAny(decoder: decoding.Decoder): void {
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
    case 116: // bytes
      skipBytes(decoder);
      return;
    case 118: {
      const keys = decoding.readVarUint(decoder);
      for (let index = 0; index < keys; index++) {
        skipBytes(decoder);
        skipAny(decoder);
      }
      return;
    }
    case 117: {
      const length = decoding.readVarUint(decoder);
      for (let index = 0; index < length; index++) skipAny(decoder);
      return;
    }
    default:
      throw new ProtocolError(`an update carries an unknown value tag ${tag}`);
  }
}

function skipId(decoder: decoding.Decoder): void {
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
}

/** Skips a length-prefixed string or byte array; returns its length in bytes. */
function skipBytes(decoder: decoding.Decoder): number {
  const length = decoding.readVarUint(decoder);
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
