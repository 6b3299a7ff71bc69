// The elements of one big JSON array (a GeoJSON FeatureCollection's "features", Overpass JSON's
// "elements", or a bare top-level array), one at a time, without holding the document: the file
// streams through the strict UTF-8 decoder and a scanner that only finds where each element
// begins and ends (strings, escapes, bracket depth); each element's text, at most
// MAX_ELEMENT_CHARS, is parsed by JSON.parse itself. Memory holds one element whatever the file,
// so a hostile document (millions of "{}", a huge member beside the array) cannot grow the
// server: JSON.parse of a whole 16 MB "[{},{},…]" takes ~340 MB of heap. Root members other than
// the array are scanned past; short root strings (like "type") are kept for the caller's checks.
import { pipeline } from 'node:stream';
import type { ByteSource } from './source';
import { decodeTextStream } from './text-encoding';

/** One element's text; a GeoJSON feature or an OSM node is far smaller. */
export const MAX_ELEMENT_CHARS = 1024 * 1024;
const MAX_ROOT_STRING_CHARS = 256;
const MAX_DEPTH = 64;

export interface JsonArrayDocument {
  /** The elements, parsed, in order. */
  elements: AsyncGenerator<unknown>;
  /** Short string members of the root object (complete once `elements` is done). */
  rootStrings: Map<string, string>;
  /** Whether the array was found (final once `elements` is done). */
  found(): boolean;
}

/** A root string's raw text as a value (an escape the file got wrong leaves it raw: it is only for messages and checks). */
function unquote(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/**
 * Streams the elements of the array at root member `key`, or of the root itself when it is an
 * array. Errors name the element (1-based) or the character offset.
 */
export function streamJsonArray(source: ByteSource, key: string): JsonArrayDocument {
  const rootStrings = new Map<string, string>();
  let found = false;

  async function* elements(): AsyncGenerator<unknown> {
    const fail = (what: string): never => {
      throw new Error(`${source.fileName}: ${what}`);
    };
    const stack: number[] = []; // char codes of the open brackets
    let inString = false;
    let escape = false;
    let offset = 0; // characters before the current chunk
    let rootIsObject = false;
    let expectKey = false;
    let currentKey: string | null = null;
    let rootString: 'key' | 'value' | null = null;
    let rootStringStart = 0;
    let rootStringText = '';
    let arrayDepth = -1; // stack depth inside the target array, -1 before it
    let closed = false; // the target array has ended
    let element = ''; // text of the current element from earlier chunks
    let elementStart = -1; // where the current element starts in this chunk (-1: none, or from an earlier chunk)
    let inElement = false;
    let index = 0;
    let started = false;

    const tooLong = (): never =>
      fail(`element ${index + 1} of "${key}" is longer than ${MAX_ELEMENT_CHARS} characters; a feature is never that large`);
    const parse = (t: string): unknown => {
      index += 1;
      try {
        return JSON.parse(t);
      } catch (err) {
        return fail(`element ${index} of "${key}" is not valid JSON (${(err as Error).message})`);
      }
    };

    const text = decodeTextStream('utf-8', source.fileName);
    // pipeline, not pipe: a read or decoding failure reaches the loop through `text`.
    pipeline(source.open(), text, () => undefined);
    for await (const chunk of text as AsyncIterable<string>) {
      const out: unknown[] = [];
      const endElement = (at: number): void => {
        const t = element + chunk.slice(elementStart < 0 ? 0 : elementStart, at);
        if (t.length > MAX_ELEMENT_CHARS) tooLong();
        element = '';
        elementStart = -1;
        inElement = false;
        out.push(parse(t));
      };
      for (let i = 0; i < chunk.length; i += 1) {
        const c = chunk.charCodeAt(i);
        if (inString) {
          if (escape) escape = false;
          else if (c === 0x5c) escape = true;
          else if (c === 0x22) {
            inString = false;
            if (rootString !== null) {
              const raw = rootStringText + chunk.slice(rootStringStart, i);
              if (raw.length <= MAX_ROOT_STRING_CHARS) {
                if (rootString === 'key') currentKey = raw;
                else if (currentKey !== null) rootStrings.set(currentKey, unquote(raw));
              } else if (rootString === 'key') currentKey = null;
              if (rootString === 'key') expectKey = false;
              rootString = null;
              rootStringText = '';
            }
          }
          continue;
        }
        if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
        if (!started) {
          started = true;
          if (c !== 0x7b && c !== 0x5b) fail('expected a JSON object or array');
          rootIsObject = c === 0x7b;
        } else if (stack.length === 0) fail(`text after the end of the JSON document at character ${offset + i}`);
        const depth = stack.length;
        if (depth === arrayDepth && !inElement && c !== 0x2c && c !== 0x5d) {
          inElement = true;
          elementStart = i;
        }
        switch (c) {
          case 0x22: // "
            inString = true;
            if (depth === 1 && rootIsObject) {
              rootString = expectKey ? 'key' : 'value';
              rootStringStart = i + 1;
              rootStringText = '';
            }
            break;
          case 0x7b: // {
          case 0x5b: // [
            stack.push(c);
            if (stack.length > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} at character ${offset + i}`);
            if (stack.length === 1 && rootIsObject) expectKey = true;
            if (
              c === 0x5b &&
              arrayDepth < 0 &&
              !closed &&
              ((stack.length === 2 && rootIsObject && currentKey === key) || stack.length === 1)
            ) {
              arrayDepth = stack.length;
              found = true;
            }
            break;
          case 0x7d: // }
          case 0x5d: {
            // ]
            const open = stack.pop();
            if (open === undefined || (open === 0x7b) !== (c === 0x7d))
              fail(`unbalanced "${String.fromCharCode(c)}" at character ${offset + i}`);
            if (depth === arrayDepth) {
              // The target array itself closes here.
              if (inElement) endElement(i);
              arrayDepth = -1;
              closed = true;
            }
            break;
          }
          case 0x2c: // ,
            if (depth === arrayDepth && inElement) endElement(i);
            if (depth === 1 && rootIsObject) {
              expectKey = true;
              currentKey = null;
            }
            break;
          default:
            break;
        }
      }
      // Carry what is open across the chunk boundary (bounded).
      if (inElement) {
        element += chunk.slice(elementStart < 0 ? 0 : elementStart);
        elementStart = -1;
        if (element.length > MAX_ELEMENT_CHARS) tooLong();
      }
      if (inString && rootString !== null) {
        rootStringText += chunk.slice(rootStringStart);
        rootStringStart = 0;
        if (rootStringText.length > MAX_ROOT_STRING_CHARS) rootStringText = rootStringText.slice(0, MAX_ROOT_STRING_CHARS + 1);
      }
      offset += chunk.length;
      for (const e of out) yield e;
    }
    if (!started) fail('the file is empty');
    if (inString || stack.length !== 0) fail('the JSON document ends early (a string or a bracket is left open)');
  }
  return { elements: elements(), rootStrings, found: () => found };
}
