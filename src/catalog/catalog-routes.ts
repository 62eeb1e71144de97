import { Router } from 'express';
import { notFound } from '../kernel/errors/domain-error.js';
import type { CodeListCatalog } from './code-list-catalog.js';
import { isDocumentType, type SchemaCatalog } from './schema-catalog.js';

// Reference data changes only with a release: clients and proxies may keep it for an hour.
const CACHE = 'public, max-age=3600';

/** Public reference data: the document schemas and the code lists they use. */
export function catalogRoutes(schemas: SchemaCatalog, codeLists: CodeListCatalog): Router {
  const router = Router();

  router.get('/api/v1/schemas', (_req, res) => {
    res.set('Cache-Control', CACHE).json({
      items: schemas.list().map(({ type, version, title, description }) => ({
        type,
        version,
        title,
        description,
        links: { self: `/api/v1/schemas/${type}` },
      })),
    });
  });

  router.get('/api/v1/schemas/:type', (req, res) => {
    const type = req.params.type;
    if (!isDocumentType(type)) throw notFound(`The schema of "${String(type).slice(0, 64)}"`, 'SCHEMA.NOT_FOUND');
    res
      .set('Cache-Control', CACHE)
      .type('application/schema+json')
      .send(JSON.stringify(schemas.get(type).schema));
  });

  router.get('/api/v1/code-lists', (_req, res) => {
    res.set('Cache-Control', CACHE).json({
      items: codeLists.names().map((name) => {
        const list = codeLists.get(name)!;
        return {
          name,
          title: list.title,
          source: list.source,
          entries: list.entries.length,
          links: { self: `/api/v1/code-lists/${name}` },
        };
      }),
    });
  });

  router.get('/api/v1/code-lists/:name', (req, res) => {
    const list = codeLists.get(String(req.params.name));
    if (!list) throw notFound(`The code list "${String(req.params.name).slice(0, 64)}"`, 'CODE_LIST.NOT_FOUND');
    res.set('Cache-Control', CACHE).json(list);
  });

  return router;
}
