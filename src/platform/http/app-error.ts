/**
 * The one error type the service raises on purpose. `code` is stable (clients and
 * dashboards key on it), `status` is the HTTP status it maps to at the edge, and
 * `extensions` become extra members of the problem+json body (e.g. `errors[]`).
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly extensions: Record<string, unknown>;

  constructor(
    code: string,
    status: number,
    message: string,
    options: { cause?: unknown; extensions?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.extensions = options.extensions ?? {};
  }
}

export const notFound = (what: string, code = 'RESOURCE.NOT_FOUND') =>
  new AppError(code, 404, `${what} was not found`);

export const badRequest = (code: string, message: string, extensions?: Record<string, unknown>) =>
  new AppError(code, 400, message, { extensions });

export const unprocessable = (code: string, message: string, extensions?: Record<string, unknown>) =>
  new AppError(code, 422, message, { extensions });
