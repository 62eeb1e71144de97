import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { DOCUMENT_TYPES } from '../../src/kernel/document-record.js';
import { projectRoot } from '../../src/platform/project-root.js';
import { startTestService } from '../support/test-service.js';

type Node = Record<string, unknown>;

/** Every subschema of a schema, with its location, for the checks every schema must pass. */
function walk(node: unknown, at: string, visit: (node: Node, at: string) => void): void {
  if (Array.isArray(node)) node.forEach((item, index) => walk(item, `${at}/${index}`, visit));
  else if (typeof node === 'object' && node !== null) {
    visit(node as Node, at);
    for (const [key, value] of Object.entries(node)) if (key !== 'enum' && key !== 'examples') walk(value, `${at}/${key}`, visit);
  }
}

describe('schemas, code lists and the OpenAPI document', function () {
  this.timeout(60_000);
  let service: Awaited<ReturnType<typeof startTestService>>;

  before(async () => {
    service = await startTestService();
  });
  after(async () => service?.stop());

  it('lists the four document types with their schema versions', async () => {
    const response = await request(service.url).get('/api/v1/schemas').expect(200);
    expect(response.body.items.map((item: { type: string }) => item.type)).to.have.members([...DOCUMENT_TYPES]);
    expect(response.headers['cache-control']).to.equal('public, max-age=3600');
  });

  for (const type of DOCUMENT_TYPES) {
    it(`serves the ${type} schema as application/schema+json, the file the service validates with`, async () => {
      const response = await request(service.url).get(`/api/v1/schemas/${type}`).expect(200);
      expect(response.headers['content-type']).to.match(/^application\/schema\+json/);
      expect(JSON.parse(response.text)).to.deep.equal(JSON.parse(readFileSync(path.join(projectRoot, 'schemas', type, 'v1.json'), 'utf8')));
    });

    it(`${type}: every string has a maxLength, every array a maxItems, every pattern is anchored, no object is open`, async () => {
      const schema = JSON.parse((await request(service.url).get(`/api/v1/schemas/${type}`).expect(200)).text);
      const problems: string[] = [];
      walk(schema, '#', (node, at) => {
        if (node.type === 'string' && typeof node.maxLength !== 'number') problems.push(`${at}: string without maxLength`);
        if (node.type === 'array' && typeof node.maxItems !== 'number') problems.push(`${at}: array without maxItems`);
        if (typeof node.pattern === 'string' && !(node.pattern.startsWith('^') && node.pattern.endsWith('$')))
          problems.push(`${at}: unanchored pattern`);
        if (node.type === 'object' && node.additionalProperties !== false && !at.includes('/if')) problems.push(`${at}: open object`);
      });
      expect(problems).to.deep.equal([]);
      expect(schema.$schema).to.equal('https://json-schema.org/draft/2020-12/schema');
    });
  }

  it('answers an unknown schema with 404', async () => {
    const response = await request(service.url).get('/api/v1/schemas/bill-of-lading').expect(404);
    expect(response.body.code).to.equal('SCHEMA.NOT_FOUND');
  });

  it('lists the code lists', async () => {
    const response = await request(service.url).get('/api/v1/code-lists').expect(200);
    expect(response.body.items.map((item: { name: string }) => item.name)).to.include.members([
      'countries',
      'currencies',
      'units',
      'package-types',
      'incoterms',
      'hs-chapters',
      'hs-headings',
      'issuing-agencies',
    ]);
  });

  it('serves ISO 3166 countries, ISO 4217 currencies and the Incoterms 2020 rules', async () => {
    const countries = (await request(service.url).get('/api/v1/code-lists/countries').expect(200)).body.entries as { code: string }[];
    expect(countries).to.have.length(249);
    expect(countries.map((c) => c.code)).to.include.members(['VN', 'TH', 'KR', 'NZ', 'RU', 'DE']);
    const currencies = (await request(service.url).get('/api/v1/code-lists/currencies').expect(200)).body.entries as {
      code: string;
      minorUnits?: number;
    }[];
    expect(currencies.find((c) => c.code === 'VND')).to.include({ minorUnits: 0 });
    const incoterms = (await request(service.url).get('/api/v1/code-lists/incoterms').expect(200)).body.entries as { code: string }[];
    expect(incoterms.map((c) => c.code)).to.have.members(['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF']);
  });

  it('serves the 97 HS chapters (77 reserved) and every heading of HS 2022', async () => {
    const chapters = (await request(service.url).get('/api/v1/code-lists/hs-chapters').expect(200)).body.entries as {
      code: string;
      reserved?: boolean;
    }[];
    expect(chapters).to.have.length(97);
    expect(chapters.find((c) => c.code === '77')).to.include({ reserved: true });
    const headings = (await request(service.url).get('/api/v1/code-lists/hs-headings').expect(200)).body.entries as {
      code: string;
      chapter: string;
    }[];
    expect(headings).to.have.length(1228);
    const inChapter = (chapter: string) => headings.filter((h) => h.chapter === chapter).map((h) => h.code);
    expect(inChapter('09')).to.deep.equal(['0901', '0902', '0903', '0904', '0905', '0906', '0907', '0908', '0909', '0910']);
    expect(inChapter('87')).to.have.length(16);
    expect(inChapter('77')).to.deep.equal([]);
    expect(headings.map((h) => h.code)).to.include.members(['2404', '8485', '8524', '8549', '8806', '3827']);
  });

  it('answers an unknown code list with 404', async () => {
    const response = await request(service.url).get('/api/v1/code-lists/airports').expect(404);
    expect(response.body.code).to.equal('CODE_LIST.NOT_FOUND');
  });

  it('publishes an OpenAPI 3.1 document whose components are the document schemas and whose local references all resolve', async () => {
    const document = (await request(service.url).get('/openapi.json').expect(200)).body;
    expect(document.openapi).to.equal('3.1.0');
    expect(document.components.schemas).to.include.keys(
      'CustomsDeclarationV1',
      'CertificateOfOriginV1',
      'PhytosanitaryCertificateV1',
      'LicenceApplicationV1',
      'Problem',
      'ValidationProblem',
    );
    expect(document.components.schemas.CustomsDeclarationV1.properties.goodsItems.items.xml).to.deep.equal({ name: 'goodsItem' });
    expect(document.paths).to.include.keys(
      '/api/v1/documents',
      '/api/v1/documents/{id}',
      '/api/v1/documents/validate',
      '/api/v1/admin/enterprises',
      '/api/v1/schemas/{type}',
      '/api/v1/code-lists/{name}',
    );
    const unresolved: string[] = [];
    walk(document, '#', (node) => {
      if (typeof node.$ref !== 'string' || !node.$ref.startsWith('#/')) return;
      const target = node.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((at, key) => (at as Node | undefined)?.[key], document);
      if (target === undefined) unresolved.push(node.$ref);
    });
    expect(unresolved, unresolved.join(', ')).to.deep.equal([]);
  });

  it('serves Swagger UI at /docs with its own assets under the security headers', async () => {
    const page = await request(service.url).get('/docs/').expect(200);
    expect(page.headers['content-type']).to.match(/^text\/html/);
    expect(page.headers['content-security-policy']).to.contain("script-src 'self'");
    const scripts = [...page.text.matchAll(/<script src="\.\/([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts).to.include.members(['swagger-ui-bundle.js', 'swagger-ui-init.js']);
    expect(page.text).not.to.match(/<script>(?!\s*<\/script>)/);
    for (const script of scripts) await request(service.url).get(`/docs/${script}`).expect(200);
    const init = await request(service.url).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).to.contain('/openapi.json');
  });
});
