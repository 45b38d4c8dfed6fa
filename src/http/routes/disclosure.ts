/**
 * Compelled disclosure over HTTP: staff prepare the package; an officer of the requesting agency,
 * signed in, asks for a single-use link and downloads the package with its signed manifest.
 */
import type { FastifyInstance } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { NoteSigner } from '../../ledger/note-keys.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { downloadLinkIsOpen, downloadPackage } from '../../workflow/download-package.ts';
import { issueDownloadLink } from '../../workflow/issue-download-link.ts';
import { prepareDisclosurePackage } from '../../workflow/prepare-disclosure-package.ts';
import { actorOf } from '../actor.ts';
import { callerOf } from '../auth.ts';
import { presentDemand } from '../presenters/demand.ts';
import { readParts } from '../multipart.ts';

const Ref = T.Object({ ref: T.String({ minLength: 1, maxLength: 64 }) });

export function disclosureRoutes(app: FastifyInstance, ctx: WorkflowContext, signer: NoteSigner): void {
  app.post(
    '/api/v1/demands/:ref/package',
    {
      schema: {
        tags: ['disclosure'],
        summary: 'Prepare the disclosure package (multipart: one or more files); the preparer cannot approve it',
        params: Ref,
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      if (!req.isMultipart()) throw invalid([{ pointer: '/', detail: 'send the files as multipart/form-data' }]);
      const files = (await readParts(req, { fileSize: ctx.maxDocumentBytes, files: 100 })).files.map((f) => ({
        name: f.filename,
        mediaType: f.mediaType,
        bytes: f.bytes,
      }));
      const r = await prepareDisclosurePackage(ctx, {
        demand: (req.params as { ref: string }).ref,
        actor: actorOf(caller),
        files,
        signer,
      });
      return reply
        .status(201)
        .send({ packageId: r.packageId, signedManifest: r.signedManifest, demand: presentDemand(r.demand, caller) });
    },
  );

  app.post(
    '/api/v1/demands/:ref/package/link',
    {
      schema: {
        tags: ['disclosure'],
        summary: 'A single-use, expiring download link for the produced package (officer of the requesting agency)',
        params: Ref,
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      if (caller.kind !== 'officer')
        throw new DomainError('forbidden', 'Only an officer of the requesting agency collects a package');
      const link = await issueDownloadLink(ctx, { demand: (req.params as { ref: string }).ref, officer: caller });
      return reply.status(201).send({ url: `/api/v1/downloads/${link.token}`, expiresAt: link.expiresAt });
    },
  );

  app.get(
    '/api/v1/downloads/:token',
    {
      schema: {
        tags: ['disclosure'],
        summary: 'Download a package once: files, manifest and its signed note',
        params: T.Object({ token: T.String({ minLength: 20, maxLength: 100 }) }),
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      if (caller.kind !== 'officer')
        throw new DomainError('forbidden', 'Only the officer the link was issued to can use it');
      const { token } = req.params as { token: string };
      // HEAD answers whether the link would open, and leaves it unused.
      if (req.method === 'HEAD') {
        if (!(await downloadLinkIsOpen(ctx, token, caller)))
          throw new DomainError('not_found', 'This link is unknown, used, expired or not yours');
        return reply.type('application/json').send();
      }
      const p = await downloadPackage(ctx, token, caller);
      return {
        manifest: p.manifest,
        signedManifest: p.signedManifest,
        files: p.files.map((f) => ({ name: f.name, mediaType: f.mediaType, base64: f.bytes.toString('base64') })),
      };
    },
  );
}
