import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { webAppManifest } from '../web/manifest.js';
import { projectRoot } from './paths.js';

/** The built service worker (scripts/build-web.mjs), beside the static folder but served from the root. */
export function serviceWorkerFile(): string {
  return path.join(projectRoot(), 'dist', 'web', 'sw.js');
}

/**
 * What installing Mend needs, both at the root of the site: the web app manifest, and the service
 * worker, whose scope is the folder it is served from (so `/sw.js` may show notifications for the
 * whole site). The worker is read once; it caches nothing (src/platform/web/service-worker/sw.ts).
 */
export async function installRoutes(app: FastifyInstance): Promise<void> {
  const manifest = JSON.stringify(webAppManifest());
  app.get('/manifest.webmanifest', (_request, reply) =>
    reply.type('application/manifest+json; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(manifest),
  );

  let worker: string | null = null;
  app.get('/sw.js', (_request, reply) => {
    worker ??= fs.existsSync(serviceWorkerFile()) ? fs.readFileSync(serviceWorkerFile(), 'utf8') : null;
    if (worker === null) return reply.status(404).type('text/plain; charset=utf-8').send('Run npm run build to build the service worker.');
    // Checked again on every visit, so a new Mend's worker replaces the old one at once.
    return reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'no-cache').send(worker);
  });
}
