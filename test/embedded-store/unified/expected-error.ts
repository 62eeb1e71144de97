import { MongoBulkWriteError, MongoError, MongoServerError } from 'mongodb';
import { bulkWriteResult } from './operation-results.js';
import type { ExpectedError } from './unified-format.js';
import { assertMatches, describe, MatchError } from './unified-matcher.js';

interface ServerFailure {
  code?: number;
  codeName?: string;
  errmsg?: string;
}

/**
 * Checks an operation's error against expectError. A bulk write's error gathers several
 * server errors (its writeErrors): a code or message found in any of them satisfies the
 * assertion, as the format says.
 */
export function assertExpectedError(expected: ExpectedError, error: unknown): void {
  if (!(error instanceof Error)) throw new MatchError(`expected an error, got ${describe(error)}`);
  const {
    isError: _isError,
    isClientError,
    errorContains,
    errorCode: code,
    errorCodeName,
    errorLabelsContain,
    errorLabelsOmit,
    errorResponse,
    expectResult,
    ...rest
  } = expected;
  const unsupported = Object.keys(rest);
  if (unsupported.length > 0) throw new Error(`the runner does not support expectError.${unsupported.join(', ')}`);
  // Read as canonical extended JSON, the code is an Int32.
  const errorCode = code === undefined ? undefined : Number(code);
  const fromServer = error instanceof MongoServerError;
  const failures = serverFailures(error);
  if (isClientError !== undefined && isClientError === fromServer) {
    throw new MatchError(`expected ${isClientError ? 'a client' : 'a server'} error, got ${error.name}: ${error.message}`);
  }
  if (errorContains !== undefined) {
    const messages = [error.message, ...failures.map((failure) => failure.errmsg ?? '')].map((message) => message.toLowerCase());
    if (!messages.some((message) => message.includes(errorContains.toLowerCase())))
      throw new MatchError(`expected an error containing "${errorContains}", got ${error.name}: ${error.message}`);
  }
  if (errorCode !== undefined && !failures.some((failure) => failure.code === errorCode)) {
    throw new MatchError(
      `expected error code ${errorCode}, got ${failures.map((failure) => failure.code).join(', ') || 'none'} (${error.message})`,
    );
  }
  if (errorCodeName !== undefined && !failures.some((failure) => failure.codeName?.toLowerCase() === errorCodeName.toLowerCase())) {
    throw new MatchError(`expected error code name ${errorCodeName}, got ${error.message}`);
  }
  for (const label of errorLabelsContain ?? []) {
    if (!(error instanceof MongoError && error.hasErrorLabel(label))) throw new MatchError(`expected the error label ${label}`);
  }
  for (const label of errorLabelsOmit ?? []) {
    if (error instanceof MongoError && error.hasErrorLabel(label)) throw new MatchError(`expected no error label ${label}`);
  }
  if (errorResponse !== undefined) {
    if (!(error instanceof MongoServerError)) throw new MatchError(`expected a server response, got ${error.message}`);
    assertMatches(errorResponse, error.errorResponse, true, '$.errorResponse');
  }
  if (expectResult !== undefined) {
    const result = error instanceof MongoBulkWriteError ? bulkWriteResult(error.result) : undefined;
    assertMatches(expectResult, result, true, '$.expectError.expectResult');
  }
}

function serverFailures(error: Error): ServerFailure[] {
  if (!(error instanceof MongoServerError)) return [];
  const own: ServerFailure = {
    code: typeof error.code === 'number' ? error.code : undefined,
    codeName: error.codeName,
    errmsg: error.errmsg,
  };
  if (!(error instanceof MongoBulkWriteError)) return [own];
  const writeErrors = error.writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
  return [own, ...list.map((writeError) => ({ code: writeError.code, errmsg: writeError.errmsg }))];
}
