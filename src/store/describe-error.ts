/** One line for a driver error; pg reports a failed dual-stack connect as an AggregateError with no message. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map((inner) => describeError(inner)).join('; ');
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return (error.message || (typeof code === 'string' ? code : error.name)).replace(/\s*\n\s*/g, ' ');
  }
  return String(error);
}
