import { type Caller, createProtocolHandler, type ProtocolHandlerOptions } from '@palaute/engine';

/**
 * A protocol handler for tests, called in process: `post` sends it a JSON body as the protocol's
 * client does (its `protocol: 1` added) and parses the answer; `as` changes who the next requests
 * come from (customer c-1 at first, or `caller`).
 */
export function protocolHandler(
  options: Omit<ProtocolHandlerOptions, 'authenticate'>,
  caller: Caller = { kind: 'customer', customerId: 'c-1' },
) {
  let current = caller;
  const handle = createProtocolHandler({ ...options, authenticate: () => current });
  const post = async (path: string, body: object) => {
    const answer = await handle({
      method: 'POST',
      path,
      headers: { get: (name) => (name === 'content-type' ? 'application/json' : undefined) },
      body: JSON.stringify({ protocol: 1, ...body }),
    });
    return { status: answer.status, body: JSON.parse(answer.body) as Record<string, unknown> };
  };
  const as = (next: Caller) => {
    current = next;
  };
  return { handle, post, as };
}
