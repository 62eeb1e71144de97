import { Router } from 'express';
import { requireAdmin } from '../platform/http/admin-auth.js';
import { notFound } from '../kernel/errors/domain-error.js';
import type { RuleBook } from './rule-book.js';

/** Operators read the routing rules: every version, which one is in force, and each version in full. */
export function ruleRoutes(rules: RuleBook, adminToken: string): Router {
  const router = Router();
  const admin = requireAdmin(adminToken);

  router.get('/api/v1/admin/routing/rule-sets', admin, (_req, res) => {
    const current = rules.current().version;
    res.json({
      current,
      items: rules.list().map((set) => ({
        version: set.version,
        effectiveFrom: set.effectiveFrom,
        description: set.description,
        ruleCount: set.rules.length,
        current: set.version === current,
      })),
    });
  });

  router.get('/api/v1/admin/routing/rule-sets/:version', admin, (req, res) => {
    const version = req.params.version as string;
    const set = version === 'current' ? rules.current() : rules.find(version);
    if (!set) throw notFound(`Rule set ${version.slice(0, 20)}`, 'ROUTING.RULE_SET_NOT_FOUND');
    res.json({ ...set, current: set.version === rules.current().version });
  });

  return router;
}
