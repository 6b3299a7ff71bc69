// One error family for the whole API. Domain code throws these (they do not depend on Hono);
// the single onError in api/http/on-error.ts maps each to its status and the JSON shape
// `{ "error": { "code", "message", "field"?, "row"? } }`. Anything else becomes a 500 whose
// message never leaves the server.

export interface ApiErrorDetails {
  /** The request field at fault (a query parameter, a body property, an import column). */
  field?: string;
  /** The 1-based row of an uploaded file at fault. */
  row?: number;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly row: number | undefined;
  constructor(status: number, code: string, message: string, details: ApiErrorDetails = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = details.field;
    this.row = details.row;
  }
}

export class BadRequestError extends ApiError {
  constructor(message: string, details: ApiErrorDetails = {}, code = 'bad_request') {
    super(400, code, message, details);
  }
}

export class UnauthorizedError extends ApiError {
  constructor(message = 'Log in first: this needs a session cookie or an API token.', code = 'unauthorized') {
    super(401, code, message);
  }
}

export class ForbiddenError extends ApiError {
  constructor(message = 'Your role does not allow this.', code = 'forbidden') {
    super(403, code, message);
  }
}

export class NotFoundError extends ApiError {
  constructor(message = 'Not found.', details: ApiErrorDetails = {}) {
    super(404, 'not_found', message, details);
  }
}

export class ConflictError extends ApiError {
  constructor(message: string, details: ApiErrorDetails = {}) {
    super(409, 'conflict', message, details);
  }
}

export class PayloadTooLargeError extends ApiError {
  constructor(limitBytes: number) {
    super(413, 'payload_too_large', `The upload is larger than the limit of ${limitBytes} bytes (XUELIANG_UPLOAD_LIMIT_MB).`);
  }
}

export class TooManyRequestsError extends ApiError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'too_many_requests', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Unprocessable: the request is well-formed but its content is rejected (an import with errors). */
export class UnprocessableError extends ApiError {
  constructor(message: string, details: ApiErrorDetails = {}, code = 'unprocessable') {
    super(422, code, message, details);
  }
}

/** The client went away before the work was done (nginx's 499): the answer is never sent. */
export class ClientClosedRequestError extends ApiError {
  constructor(message: string) {
    super(499, 'client_closed_request', message);
  }
}
