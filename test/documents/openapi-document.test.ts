import { expect } from 'chai';
import type { Router } from 'express';
import request from 'supertest';
import { composeFeatures } from '../../src/features.js';
import { mergeComponents } from '../../src/openapi/merge-components.js';
import { createMetrics } from '../../src/platform/http/metrics.js';
import type { RunningService } from '../../src/service.js';
import { startTestService } from '../support/test-service.js';

type Node = Record<string, unknown>;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every `$ref` in the document with where it sits. */
function refsOf(node: unknown, at = '#', found: { at: string; ref: string }[] = []): { at: string; ref: string }[] {
  if (Array.isArray(node)) node.forEach((item, i) => refsOf(item, `${at}/${i}`, found));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push({ at, ref: value });
      else refsOf(value, `${at}/${key}`, found);
    }
  }
  return found;
}

/** RFC 6901 resolution of a `#/...` reference (percent-decoded as a URI fragment). */
function resolve(document: unknown, ref: string): unknown {
  const tokens = decodeURIComponent(ref.slice(2))
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
  return tokens.reduce<unknown>(
    (at, token) => (typeof at === 'object' && at !== null && Object.hasOwn(at, token) ? (at as Node)[token] : undefined),
    document,
  );
}

/** `POST /api/v1/documents/{id}/amendments` for each method of each route the routers declare under /api/v1. */
function routesOf(routers: Router[]): string[] {
  const routes = new Set<string>();
  for (const layer of routers.flatMap((router) => router.stack)) {
    const route = layer.route;
    if (!route || typeof route.path !== 'string' || !route.path.startsWith('/api/v1/')) continue;
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    for (const method of new Set(route.stack.map((handler) => handler.method).filter(Boolean)))
      routes.add(`${method.toUpperCase()} ${path}`);
  }
  return [...routes].sort();
}

describe('the OpenAPI document at /openapi.json', function () {
  this.timeout(30_000);
  let service: RunningService;
  let document: { paths: Record<string, Node>; components: { schemas: Node; securitySchemes: Node } };

  before(async () => {
    service = await startTestService();
    document = (await request(service.url).get('/openapi.json').expect(200)).body as typeof document;
  });

  after(async () => {
    await service?.stop();
  });

  it('refers only to its own components, and every reference resolves, so Swagger UI needs nothing else', () => {
    const refs = refsOf(document);
    expect(refs.length).to.be.greaterThan(50);
    const external = refs.filter(({ ref }) => !ref.startsWith('#/'));
    const unresolved = refs.filter(({ ref }) => ref.startsWith('#/') && resolve(document, ref) === undefined);
    expect(external, 'references outside the document').to.deep.equal([]);
    expect(unresolved, 'references that do not resolve').to.deep.equal([]);
  });

  it('documents every route the service serves under /api/v1, and no route it does not serve', async () => {
    // The same composition as the running service, with its own metrics registry (metric names are unique per registry).
    const parts = await composeFeatures({ ...service.context, metrics: createMetrics() });
    const served = routesOf(parts.flatMap((part) => part.routers ?? []));
    const documented = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, operations]) =>
        Object.keys(operations)
          .filter((key) => HTTP_METHODS.includes(key))
          .map((method) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(served).to.include.members([
      'POST /api/v1/documents',
      'GET /api/v1/documents/{id}',
      'GET /api/v1/documents/{id}/routing',
      'POST /api/v1/documents/{id}/amendments',
      'POST /api/v1/agencies/{code}/decisions',
      'PUT /api/v1/admin/partners/{country}',
      'POST /api/v1/partners/{country}/messages',
      'GET /api/v1/code-lists/{name}',
      'POST /api/v1/admin/enterprises',
    ]);
    expect(
      served.filter((route) => !documented.includes(route)),
      'served but not documented',
    ).to.deep.equal([]);
    expect(
      documented.filter((route) => !served.includes(route)),
      'documented but not served',
    ).to.deep.equal([]);
  });

  it("asks for the agency's key on the agencies' routes, a scheme it defines", async () => {
    expect(document.components.securitySchemes.agencyApiKey).to.include({ type: 'http', scheme: 'bearer' });
    for (const [path, method] of [
      ['/api/v1/agencies/{code}/decisions', 'post'],
      ['/api/v1/agencies/{code}/documents/{id}', 'get'],
    ] as const) {
      expect((document.paths[path]![method] as Node).security, `${method} ${path}`).to.deep.equal([{ agencyApiKey: [] }]);
    }
    const schemes = new Set(Object.keys(document.components.securitySchemes));
    const used = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations)
        .flatMap((operation) => ((operation as Node).security as Node[] | undefined) ?? [])
        .flatMap((requirement) => Object.keys(requirement)),
    );
    expect(used.filter((scheme) => !schemes.has(scheme))).to.deep.equal([]);
  });

  it('describes a partner entry with the directory schema itself, as a component', () => {
    const put = document.paths['/api/v1/admin/partners/{country}']!.put as { requestBody: { content: Record<string, { schema: Node }> } };
    const schema = put.requestBody.content['application/json']!.schema;
    expect(schema).to.deep.equal({ $ref: '#/components/schemas/PartnerDirectory.partner' });
    const partner = resolve(document, schema.$ref as string) as { required: string[]; properties: Record<string, Node> };
    expect(partner.required).to.include.members(['country', 'profile', 'gatewayUrl', 'retryPolicy']);
    expect(partner.properties.retryPolicy).to.deep.equal({ $ref: '#/components/schemas/PartnerDirectory.retryPolicy' });
  });

  it('stops the start-up when two features give one component name two meanings', () => {
    const view = { RoutingView: { type: 'object' } };
    expect(mergeComponents([{ schemas: view }, { schemas: view }]).schemas).to.deep.equal(view);
    expect(() => mergeComponents([{ schemas: view }, { schemas: { RoutingView: { type: 'array' } } }])).to.throw(
      /schemas\.RoutingView is contributed twice/,
    );
  });
});
