/** An RFC 9457 problem details body as the Workdesk API sends it. */
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  field?: string;
  errors?: Record<string, string[]>;
  allowed?: string[];
}

/** A failed API call: the HTTP status and the problem body, when the server sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemBody;

  constructor(status: number, problem: ProblemBody) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** True for 412: the record changed since it was read. */
  get isConflict(): boolean {
    return this.status === 412;
  }

  /**
   * Returns the messages for each field: the 400 `errors` map, or `detail` filed under `field`
   * for other problems that name one. Keys are lower camel case, as the form fields are named.
   */
  fieldErrors(): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    if (this.problem.errors) {
      for (const [key, messages] of Object.entries(this.problem.errors)) {
        result[normalizeFieldName(key)] = messages;
      }
    } else if (this.problem.field && this.problem.detail) {
      result[normalizeFieldName(this.problem.field)] = [this.problem.detail];
    }
    return result;
  }

  /** Returns the message to show above the form when no field takes it. */
  generalMessage(fieldNames: readonly string[]): string | null {
    const fields = Object.keys(this.fieldErrors());
    if (fields.length > 0 && fields.every((name) => fieldNames.includes(name))) {
      return null;
    }
    return this.problem.detail ?? this.problem.title ?? null;
  }
}

/** Turns "Title", "$.title" or "workOrders[0].title" style keys into the form's field names. */
export function normalizeFieldName(key: string): string {
  const trimmed = key.replace(/^\$\.?/, '');
  return trimmed.length > 0 ? trimmed[0].toLowerCase() + trimmed.slice(1) : trimmed;
}

/** Builds an ApiError from a failed response, reading a problem body when there is one. */
export async function toApiError(response: Response, body?: unknown): Promise<ApiError> {
  if (body !== undefined && body !== null && typeof body === 'object') {
    return new ApiError(response.status, body as ProblemBody);
  }
  let problem: ProblemBody = { status: response.status, title: response.statusText };
  try {
    const text = await response.text();
    if (text) {
      problem = JSON.parse(text) as ProblemBody;
    }
  } catch {
    // A body that is not JSON (a proxy's error page, for example) keeps the status text.
  }
  return new ApiError(response.status, problem);
}
