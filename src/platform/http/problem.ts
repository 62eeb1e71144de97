import type { Response } from 'express';
import { cutShort } from '../../kernel/errors/cut-short.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://single-window.example/problems/';

/** Entries a list in a problem body keeps unless the service is configured otherwise (VALIDATION_MAX_ERRORS). */
export const DEFAULT_MAX_LIST_ITEMS = 100;
/** Longest string in a problem body: messages quote input cut shorter already; this catches what they missed (a pointer through a huge member name). */
const MAX_STRING_LENGTH = 256;
/** Largest problem body, in bytes: long lists of long entries give way to it. */
export const MAX_PROBLEM_BYTES = 32 * 1024;
/** Problem bodies are the service's own shapes, a few levels deep; anything deeper is left out. */
const MAX_NESTING = 6;

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

/** The problem `type` URI for a stable error code: `DOCUMENT.NOT_FOUND` -> `.../document-not-found`. */
export function problemType(code: string): string {
  return TYPE_BASE + code.toLowerCase().replace(/[._]/g, '-');
}

/**
 * Sends a problem, bounded whatever the input behind it: every list keeps at most
 * `maxListItems` entries (a list `x` cut short gets `xTruncated: true` beside it),
 * every string at most 256 characters, and the body at most 32 KiB. An error
 * answer is never larger than the request was worth.
 */
export function sendProblem(res: Response, problem: Problem, maxListItems = DEFAULT_MAX_LIST_ITEMS): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(boundedProblemJson(problem, maxListItems));
}

export function boundedProblemJson(problem: Problem, maxListItems = DEFAULT_MAX_LIST_ITEMS): string {
  const bounded = boundObject(problem, maxListItems, 0);
  let json = JSON.stringify(bounded);
  while (Buffer.byteLength(json) > MAX_PROBLEM_BYTES) {
    const longest = longestList(bounded);
    if (longest === undefined) break;
    const list = bounded[longest] as unknown[];
    bounded[longest] = list.slice(0, Math.floor(list.length / 2));
    bounded[`${longest}Truncated`] = true;
    json = JSON.stringify(bounded);
  }
  return json;
}

function bound(value: unknown, maxListItems: number, depth: number): unknown {
  if (typeof value === 'string') return cutShort(value, MAX_STRING_LENGTH);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_NESTING) return undefined;
  if (Array.isArray(value)) return value.slice(0, maxListItems).map((entry) => bound(entry, maxListItems, depth + 1));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  return boundObject(value as Record<string, unknown>, maxListItems, depth);
}

function boundObject(object: Record<string, unknown>, maxListItems: number, depth: number): Record<string, unknown> {
  const bounded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    bounded[key] = bound(value, maxListItems, depth + 1);
    if (Array.isArray(value) && value.length > maxListItems) bounded[`${key}Truncated`] = true;
  }
  return bounded;
}

function longestList(object: Record<string, unknown>): string | undefined {
  let longest: string | undefined;
  for (const [key, value] of Object.entries(object)) {
    if (Array.isArray(value) && value.length > 1 && (longest === undefined || value.length > (object[longest] as unknown[]).length))
      longest = key;
  }
  return longest;
}
