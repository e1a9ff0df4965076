import { readFileSync } from 'node:fs';
import { type JourneyConfigInput, parseJourneyConfig, ValidationError } from '@palaute/engine';
import * as z from 'zod/mini';
import { toDotPath } from 'zod/v4/core';
import { teamMemberSchema } from './server.auth';
import type { OpenServerOptions } from './server.open';
import { type WebhookEndpoint, webhookEndpointSchema } from './server.webhooks';

/** A configuration the `palaute-server` command cannot start with; its message lists every problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The environment the `palaute-server` command reads. */
export const serverEnvSchema = /* @__PURE__ */ (() =>
  z.object({
    PORT: z._default(z.string().check(z.regex(/^\d{1,5}$/, 'must be a port number')), '8787'),
    HOST: z._default(z.string().check(z.minLength(1)), '127.0.0.1'),
    DATABASE_URL: z.optional(
      z.string().check(z.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')),
    ),
    PALAUTE_DATA_DIR: z._default(z.string().check(z.minLength(1)), './palaute-data'),
    PALAUTE_SECRET: z.string().check(z.minLength(16, 'must be at least 16 characters')),
    PALAUTE_PUBLISHABLE_KEY: z.string().check(z.minLength(1, 'must not be empty')),
    PALAUTE_TEAM_TOKENS: z.optional(z.string()),
    PALAUTE_CORS_ORIGIN: z.optional(z.string()),
    PALAUTE_CONFIG: z.optional(z.string().check(z.minLength(1))),
    PALAUTE_RATE_LIMITS: z.optional(z.string()),
    PALAUTE_WEBHOOKS: z.optional(z.string()),
  }))();

const bucketSchema = () =>
  z.union([
    z.literal(false),
    z.object({
      burst: z.number().check(z.minimum(1)),
      perSecond: z.number().check(z.positive()),
    }),
  ]);

/** `PALAUTE_RATE_LIMITS`: per customer and per IP, each a bucket or `false` (off). */
export const rateLimitsSchema = /* @__PURE__ */ (() =>
  z.strictObject({ customer: z.optional(bucketSchema()), ip: z.optional(bucketSchema()) }))();

/** What the command starts: the server's options and where it listens. */
export interface CommandConfig {
  server: OpenServerOptions;
  port: number;
  hostname: string;
}

/**
 * Reads the command's configuration from the environment: every problem at once, each naming its
 * variable (`PALAUTE_SECRET: must be at least 16 characters`), as a {@link ConfigError}.
 *
 * @example
 * const { server, port, hostname } = readServerEnv(process.env);
 */
export function readServerEnv(env: Record<string, string | undefined>): CommandConfig {
  const problems: string[] = [];
  const parsed = z.safeParse(serverEnvSchema, env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(
        `${toDotPath(issue.path)}: ${issue.code === 'invalid_type' ? 'is required' : issue.message}`,
      );
    throw new ConfigError(problems.join('\n'));
  }
  const vars = parsed.data;
  let teamTokens: z.output<typeof teamMemberSchema>[] = [];
  if (vars.PALAUTE_TEAM_TOKENS) {
    let json: unknown;
    try {
      json = JSON.parse(vars.PALAUTE_TEAM_TOKENS);
    } catch {
      problems.push('PALAUTE_TEAM_TOKENS: is not JSON (a list of { "token", "id", "name" })');
    }
    if (json !== undefined) {
      const members = z.safeParse(z.array(teamMemberSchema), json);
      if (members.success) teamTokens = members.data;
      else
        for (const issue of members.error.issues)
          problems.push(`PALAUTE_TEAM_TOKENS${toDotPath(issue.path)}: ${issue.message}`);
    }
  }
  let journey: JourneyConfigInput | undefined;
  if (vars.PALAUTE_CONFIG) {
    try {
      journey = parseJourneyConfig(JSON.parse(readFileSync(vars.PALAUTE_CONFIG, 'utf8')));
    } catch (error) {
      const why =
        error instanceof ValidationError || error instanceof SyntaxError
          ? error.message
          : `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
      problems.push(`PALAUTE_CONFIG (${vars.PALAUTE_CONFIG}): ${why}`);
    }
  }
  let rateLimits: z.output<typeof rateLimitsSchema> | undefined;
  if (vars.PALAUTE_RATE_LIMITS) {
    let json: unknown;
    try {
      json = JSON.parse(vars.PALAUTE_RATE_LIMITS);
    } catch {
      problems.push(
        'PALAUTE_RATE_LIMITS: is not JSON (e.g. {"customer":{"burst":60,"perSecond":1},"ip":false})',
      );
    }
    if (json !== undefined) {
      const limits = z.safeParse(rateLimitsSchema, json);
      if (limits.success) rateLimits = limits.data;
      else
        for (const issue of limits.error.issues)
          problems.push(`PALAUTE_RATE_LIMITS.${toDotPath(issue.path)}: ${issue.message}`);
    }
  }
  let webhooks: WebhookEndpoint[] = [];
  if (vars.PALAUTE_WEBHOOKS) {
    let json: unknown;
    try {
      json = JSON.parse(vars.PALAUTE_WEBHOOKS);
    } catch {
      problems.push(
        'PALAUTE_WEBHOOKS: is not JSON (a list of { "id", "url", "secret", "events"? })',
      );
    }
    if (json !== undefined) {
      const endpoints = z.safeParse(z.array(webhookEndpointSchema), json);
      if (endpoints.success) {
        webhooks = endpoints.data;
        const ids = webhooks.map((endpoint) => endpoint.id);
        ids.forEach((id, index) => {
          if (ids.indexOf(id) !== index)
            problems.push(`PALAUTE_WEBHOOKS[${index}].id: "${id}" is used twice`);
        });
      } else
        for (const issue of endpoints.error.issues)
          problems.push(`PALAUTE_WEBHOOKS${toDotPath(issue.path)}: ${issue.message}`);
    }
  }
  const port = Number(vars.PORT);
  if (port > 65_535) problems.push('PORT: must be a port number');
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  const origins = vars.PALAUTE_CORS_ORIGIN?.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return {
    port,
    hostname: vars.HOST,
    server: {
      secret: vars.PALAUTE_SECRET,
      publishableKey: vars.PALAUTE_PUBLISHABLE_KEY,
      teamTokens,
      ...(vars.DATABASE_URL
        ? { databaseUrl: vars.DATABASE_URL }
        : { dataDir: vars.PALAUTE_DATA_DIR }),
      ...(origins && origins.length > 0 ? { cors: { origin: origins } } : {}),
      ...(journey ? { journey } : {}),
      ...(rateLimits ? { rateLimits } : {}),
      ...(webhooks.length > 0 ? { webhooks: { endpoints: webhooks } } : {}),
    },
  };
}
