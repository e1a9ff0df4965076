import type * as z from 'zod/mini';
import { ValidationError } from '../shared/shared.errors';
import type { ProtocolChecks } from './protocol.checks';
import type { FetchLike, FetchResponseLike, HttpBackendOptions } from './protocol.client';
import { HttpError, isRetryableCode, parseRetryAfter } from './protocol.errors';
import type { ProtocolRoute } from './protocol.schema';
import { utf8Length } from './protocol.utils';

const KEEPALIVE_LIMIT = 60_000;

/**
 * Sends one request of `route`: validates the body with `checks`, sends it, and validates the
 * answer. Failures are {@link HttpError}s that say whether trying again can help. A request
 * without a key that the server refused for its rate (429) is sent again after its `Retry-After`
 * (at least a quarter second), while the waits add up to `rateLimitWaitMs` at most.
 */
export async function sendRequest<R extends ProtocolRoute>(
  options: HttpBackendOptions,
  checks: ProtocolChecks,
  route: R,
  body: z.input<R['request']>,
  idempotencyKey?: string,
): Promise<z.output<R['response']>> {
  let waited = 0;
  for (;;) {
    try {
      return await sendOnce(options, checks, route, body, idempotencyKey);
    } catch (error) {
      const refused = error as Partial<HttpError>;
      const wait =
        refused.status === 429 && !route.idempotent
          ? Math.max(refused.retryAfterMs ?? 1000, 250)
          : 1e9;
      waited += wait;
      if (waited > (options.rateLimitWaitMs ?? 5000)) throw error;
      await new Promise<void>((resolve) => setTimeout(() => resolve(), wait));
    }
  }
}

async function sendOnce<R extends ProtocolRoute>(
  options: HttpBackendOptions,
  checks: ProtocolChecks,
  route: R,
  body: z.input<R['request']>,
  idempotencyKey?: string,
): Promise<z.output<R['response']>> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const request = checks.request(route, body);
  // What the server would refuse is refused here, with its path, and never retried.
  if (!request.success) throw new ValidationError(request.problems, route.operationId);
  const payload = JSON.stringify(request.data);
  const extra =
    typeof options.headers === 'function' ? await options.headers() : (options.headers ?? {});
  const headers: Record<string, string> = {
    ...extra,
    'content-type': 'application/json',
    accept: 'application/json',
    ...(idempotencyKey && route.idempotent ? { 'idempotency-key': idempotencyKey } : {}),
  };
  const fetcher = options.fetch ?? (globalThis as { fetch?: FetchLike }).fetch;
  if (!fetcher) throw new HttpError({ status: 0, code: 'network', message: 'No fetch here.' });
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  let answer: FetchResponseLike;
  let text: string;
  try {
    answer = await fetcher(`${base}${route.path}`, {
      method: route.method,
      headers,
      body: payload,
      signal: controller.signal,
      ...(options.keepalive !== false && route.idempotent && utf8Length(payload) < KEEPALIVE_LIMIT
        ? { keepalive: true }
        : {}),
    });
    text = await answer.text();
  } catch (error) {
    throw new HttpError({
      status: 0,
      code: timedOut ? 'timeout' : 'network',
      message: timedOut
        ? `No answer from ${route.path} within ${timeoutMs} ms.`
        : `${route.path} could not be reached: ${error instanceof Error ? error.message : String(error)}`,
      retryable: true,
    });
  } finally {
    clearTimeout(timer);
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!answer.ok) {
    const error = checks.error(json);
    const code = error ? error.code : `http_${answer.status}`;
    throw new HttpError({
      status: answer.status,
      code,
      message: error ? error.message : `${route.path} answered ${answer.status}.`,
      retryable: isRetryableCode(code, answer.status),
      retryAfterMs: parseRetryAfter(answer.headers.get('retry-after'), (options.now ?? Date.now)()),
      problems: error?.problems,
    });
  }
  const result = checks.answer(route, json);
  if (!result.success)
    // A server answering nonsense may be mid-deploy: worth another try later.
    throw new HttpError({
      status: answer.status,
      code: 'invalid_response',
      message: new ValidationError(result.problems, `${route.path} answer`).message,
      retryable: true,
    });
  return result.data as z.output<R['response']>;
}
