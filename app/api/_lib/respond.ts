import type { ErrorBody } from '@/lib/protocol/models-api';
import type { FieldIssue } from '@/lib/validation';

const noStore = { 'cache-control': 'no-store' };

export function jsonOk(body: unknown): Response {
  return Response.json(body, { headers: noStore });
}

/** An error in the model services' own error shape, so clients parse one format. */
export function jsonError(status: number, code: string, message: string, issues?: FieldIssue[]): Response {
  const body: ErrorBody = { error: { code, message, ...(issues?.length ? { issues } : {}) } };
  return Response.json(body, { status, headers: noStore });
}
