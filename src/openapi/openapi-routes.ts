import { Router } from 'express';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';

const UI_OPTIONS = { swaggerOptions: { url: '/openapi.json', validatorUrl: null } };

/** `/openapi.json` and the browsable `/docs` (Swagger UI served from the package, no CDN). */
export function openApiRoutes(document: Record<string, unknown>): Router {
  const router = Router();
  const body = JSON.stringify(document);
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(body);
  });
  router.use(
    '/docs',
    // The service's policy without upgrade-insecure-requests: a browser on plain-http
    // development setups would otherwise ask for the UI's own assets over https.
    helmet.contentSecurityPolicy({ directives: { upgradeInsecureRequests: null } }),
    swaggerUi.serveFiles(undefined, UI_OPTIONS),
    swaggerUi.setup(undefined, UI_OPTIONS),
  );
  return router;
}
