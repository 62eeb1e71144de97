import type { Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERROR_CODES } from '../../kernel/errors/error-codes.js';
import { HTTP_STATUS } from './http-status.js';
import { boundedProblemJson, PROBLEM_CONTENT_TYPE, problemType } from './problem.js';

/** What Node itself answers to a request it could not read, for the errors other than timeouts. */
const NODE_ANSWERS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
};

/**
 * Answers what Node's HTTP server refuses before any route sees a request. A client
 * that does not send its headers within HTTP_HEADERS_TIMEOUT_MS, or its whole request
 * within HTTP_REQUEST_TIMEOUT_MS, gets 408 problem+json (Node's own answer is a bare
 * status line); other unreadable requests get what Node answers. Either way the
 * connection is closed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET' || responseStarted(socket)) {
      socket.destroy();
      return;
    }
    socket.once('finish', () => socket.destroy());
    socket.end(
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? timeoutAnswer()
        : `HTTP/1.1 ${NODE_ANSWERS[error.code ?? ''] ?? '400 Bad Request'}\r\nConnection: close\r\n\r\n`,
    );
  });
}

/** Whether the request in flight on the socket has begun its answer: nothing more may be written then. Node itself checks the same. */
function responseStarted(socket: Duplex): boolean {
  return (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage?.headersSent === true;
}

function timeoutAnswer(): string {
  const code = 'REQUEST.TIMEOUT';
  const body = boundedProblemJson({
    type: problemType(code),
    title: 'The request did not arrive in time',
    status: HTTP_STATUS[ERROR_CODES[code].kind],
    code,
  });
  return `HTTP/1.1 408 Request Timeout\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
