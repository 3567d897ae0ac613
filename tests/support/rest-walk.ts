import { dereference } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import type { RestCall, RestClient } from './rest-client';

/** What the test needs of an OpenAPI operation. */
export interface Operation {
  operationId: string;
  method: string;
  path: string;
  security: Record<string, string[]>[];
  'x-scopes'?: string[];
  responses: Record<string, { content?: Record<string, { schema: object }>; headers?: Record<string, unknown> }>;
}

interface Document {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
}

export function operationsOf(document: Document): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ ...operation, method, path })),
  );
}

/**
 * Calls operations of the OpenAPI document and checks each answer against it: the status is one
 * the operation lists, and the body validates against that status's schema (ajv, JSON Schema 2020-12).
 */
export async function createWalker(rest: RestClient, document: Document) {
  const resolved = await dereference(structuredClone(document) as never);
  const operations = new Map(operationsOf(resolved as unknown as Document).map((op) => [op.operationId, op]));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // A CommonJS module: its function is the default export under Node, `.default` under some loaders.
  const withFormats = (addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats;
  (withFormats as unknown as (target: Ajv2020) => void)(ajv);
  const walked = new Set<string>();

  return {
    walked,
    operations,
    async answered<T = Record<string, unknown>>(operationId: string, path: string, call: RestCall, expected: number | number[]): Promise<T> {
      const operation = operations.get(operationId);
      if (operation === undefined) throw new Error(`no operation ${operationId} in the document`);
      const answer = await rest<T>(operation.method, path, call);
      const statuses = Array.isArray(expected) ? expected : [expected];
      expect(statuses, `${operationId} answered ${answer.status}: ${JSON.stringify(answer.body)}`).toContain(answer.status);
      const described = operation.responses[String(answer.status)];
      expect(described, `${operationId} ${answer.status} is in the document`).toBeDefined();
      const schema = described?.content?.['application/json']?.schema;
      expect(schema, `${operationId} ${answer.status} has a JSON schema`).toBeDefined();
      const valid = ajv.validate(schema as object, answer.body);
      expect(valid, `${operationId} ${answer.status}: ${ajv.errorsText(ajv.errors)} in ${JSON.stringify(answer.body).slice(0, 500)}`).toBe(true);
      for (const header of Object.keys(described?.headers ?? {})) {
        expect(answer.headers.get(header), `${operationId} sends ${header}`).not.toBeNull();
      }
      walked.add(operationId);
      return answer.body;
    },
  };
}
