import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getOpenApiDocument, protocolRoutes } from '@palaute/engine';

const committed = fileURLToPath(new URL('../../packages/engine/openapi.json', import.meta.url));
const generated = `${JSON.stringify(getOpenApiDocument(), null, 2)}\n`;

// `npm run openapi` regenerates the committed document through this file.
if (process.env.UPDATE_OPENAPI === '1') writeFileSync(committed, generated);

describe('the OpenAPI document', () => {
  it('is committed exactly as generated from the protocol schemas (run `npm run openapi` after a change)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(generated);
  });

  it('is OpenAPI 3.1 with every route, and every $ref resolves', () => {
    const document = JSON.parse(generated) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
      components: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(
      Object.values(document.paths)
        .map((item) => Object.values(item)[0]?.operationId)
        .sort(),
    ).toEqual(
      [
        ...Object.values(protocolRoutes).map((route) => route.operationId),
        // The server's GET routes for files and logs.
        'inboxCsv',
        'webhookDeliveries',
      ].sort(),
    );
    const refs = [...generated.matchAll(/"\$ref": "#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(50);
    for (const [, section, name] of refs)
      expect(document.components[section as string], `${section}/${name}`).toHaveProperty(
        name as string,
      );
  });

  it('documents idempotency, retries and the two audiences', () => {
    const document = getOpenApiDocument() as {
      paths: Record<string, { post: Record<string, unknown> }>;
    };
    const responses = document.paths['/v1/responses']?.post;
    expect(responses?.parameters).toEqual([{ $ref: '#/components/parameters/IdempotencyKey' }]);
    expect(responses?.security).toEqual([{ customerToken: [] }]);
    expect(document.paths['/v1/team/feedback/act']?.post.security).toEqual([{ teamToken: [] }]);
    expect(JSON.stringify(responses?.responses)).toContain('Retry-After');
  });
});
