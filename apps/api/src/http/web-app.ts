import fastifyStatic from '@fastify/static';
import { NotFoundException } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';
import { HttpErrorFilter } from './http-error.filter';

// Vite names every file under assets/ after its content hash: a changed file gets a new name, so browsers may keep these.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// Paths that belong to the API and its docs: never the app's page, whatever the Accept header says.
const API_PATH = /^\/(api|docs|health)(\/|$)/;
// Defence in depth for the page: only this origin's scripts run, so injected markup cannot run code even if it
// got into the DOM. Mantine sets inline styles (CSS variables), hence style-src 'unsafe-inline'.
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function wantsPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '/';
  return !API_PATH.test(path) && (request.headers.accept ?? '').includes('text/html');
}

/**
 * Serves the built web app from `dir`: its files as they are (hashed assets cached for a year), and index.html for
 * any other GET asked as a page, so that deep links (/events/acs) load the app. Everything else, unknown API
 * paths above all, keeps the API's JSON 404. Does nothing when the app is not built.
 */
export async function serveWebApp(app: NestFastifyApplication, dir: string, errors: HttpErrorFilter): Promise<boolean> {
  const root = resolve(dir);
  const indexFile = resolve(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  const page = readFileSync(indexFile);
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // One route per file found now, none for other paths: the catch-all below decides those.
    wildcard: false,
    index: false,
    setHeaders: (response, path) => {
      void response.header('cache-control', path.startsWith(resolve(root, 'assets')) ? IMMUTABLE : 'no-cache');
      if (path === indexFile) void response.header('content-security-policy', PAGE_POLICY);
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (request: FastifyRequest, reply: FastifyReply) => {
      if (!wantsPage(request)) {
        errors.send(new NotFoundException(`Cannot ${request.method} ${request.url}`), request, reply);
        return;
      }
      void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('content-security-policy', PAGE_POLICY).send(page);
    });
  return true;
}
