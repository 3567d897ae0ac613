import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { openApiDocument } from './http/rest/openapi';
import type { Route } from './http/rest/route';
import { ROUTES } from './rest-routes';

type JsonSchema = Record<string, unknown> & { $ref?: string; type?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; minLength?: number; maxLength?: number };
interface Parameter {
  in: string;
  name: string;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

const document = openApiDocument(ROUTES, 'test') as unknown as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, JsonSchema> } };
const LONG = 'x'.repeat(100_000);

const resolved = (schema: JsonSchema): JsonSchema =>
  schema.$ref === undefined ? schema : resolved(document.components.schemas[schema.$ref.split('/').pop() ?? ''] ?? {});

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType };
const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;

/** The object or array a field's schema reads, through optional, default and pipes. */
function container(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (def.innerType !== undefined) return container(def.innerType);
  if (def.type === 'pipe' && def.in !== undefined && def.out !== undefined) {
    const inner = container(def.in);
    return ['object', 'array'].includes(defOf(inner).type) ? inner : container(def.out);
  }
  return schema;
}

const bounded = (schema: JsonSchema) => ['pattern', 'format', 'enum', 'const'].some((key) => key in schema);

/** Each string field whose documented schema hides a length the server enforces. */
function hiddenLimits(where: string, field: z.ZodType | undefined, documented: JsonSchema, path: string[]): string[] {
  const described = resolved(documented);
  if (field === undefined) return [];
  if (described.type === 'object' && described.properties !== undefined) {
    const shape = defOf(container(field)).shape ?? {};
    return Object.entries(described.properties).flatMap(([key, inner]) => hiddenLimits(where, shape[key], inner, [...path, key]));
  }
  if (described.type === 'array' && described.items !== undefined) return hiddenLimits(where, defOf(container(field)).element, described.items, [...path, '*']);
  if (described.type !== 'string' || bounded(described)) return [];
  const problems: string[] = [];
  if (!field.safeParse('').success && !((described.minLength ?? 0) >= 1)) problems.push(`${where} ${path.join('.')}: refuses "" but documents no minLength`);
  if (!field.safeParse(LONG).success && described.maxLength === undefined) problems.push(`${where} ${path.join('.')}: refuses long text but documents no maxLength`);
  return problems;
}

function inputOf(route: Route, parameter: Parameter): z.ZodType | undefined {
  const schema = parameter.in === 'path' ? route.params : route.query;
  return schema === undefined ? undefined : defOf(container(schema)).shape?.[parameter.name];
}

describe('the OpenAPI document states every constraint the server enforces', () => {
  it('a string field the server refuses empty or too long documents its minLength and maxLength', () => {
    const problems = ROUTES.flatMap((route) => {
      const operation = document.paths[route.path]?.[route.method] ?? {};
      const body = operation.requestBody?.content['application/json']?.schema;
      const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path' || parameter.in === 'query');
      return [
        ...(route.body && body ? hiddenLimits(`${route.operationId} body`, route.body, body, []) : []),
        ...parameters.flatMap((parameter) => hiddenLimits(`${route.operationId} ${parameter.in}`, inputOf(route, parameter), parameter.schema, [parameter.name])),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('a cancel or reschedule reason is documented as the server takes it: 1 to 500 characters', () => {
    for (const path of ['/interviews/{id}/cancel', '/interviews/{id}/reschedule']) {
      const body = resolved(document.paths[path]?.post?.requestBody?.content['application/json']?.schema ?? {});
      expect(body.properties?.reason, path).toMatchObject({ type: 'string', minLength: 1, maxLength: 500 });
    }
  });
});
