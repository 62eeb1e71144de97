import type { Response } from 'express';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://single-window.example/problems/';

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

export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
