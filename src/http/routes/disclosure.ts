/**
 * Compelled disclosure over HTTP: staff prepare the package; an officer of the requesting agency,
 * signed in, asks for a single-use link and downloads the package with its signed manifest.
 */
import type { FastifyInstance } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { NoteSigner } from '../../ledger/note-keys.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { downloadPackage } from '../../workflow/download-package.ts';
import { issueDownloadLink } from '../../workflow/issue-download-link.ts';
import { prepareDisclosurePackage } from '../../workflow/prepare-disclosure-package.ts';
import { actorOf } from '../actor.ts';
import { callerOf } from '../auth.ts';
import { presentDemand } from '../presenters/demand.ts';

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
      const files: { name: string; mediaType: string; bytes: Buffer }[] = [];
      for await (const part of req.parts({ limits: { fileSize: ctx.maxDocumentBytes, files: 100 } })) {
        if (part.type !== 'file') continue;
        const bytes = await part.toBuffer();
        if (part.file.truncated)
          throw new DomainError('payload_too_large', `${part.filename} is larger than ${ctx.maxDocumentBytes} bytes`);
        files.push({ name: part.filename, mediaType: part.mimetype, bytes });
      }
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
    async (req) => {
      const caller = callerOf(req);
      if (caller.kind !== 'officer')
        throw new DomainError('forbidden', 'Only the officer the link was issued to can use it');
      const p = await downloadPackage(ctx, (req.params as { token: string }).token, caller);
      return {
        manifest: p.manifest,
        signedManifest: p.signedManifest,
        files: p.files.map((f) => ({ name: f.name, mediaType: f.mediaType, base64: f.bytes.toString('base64') })),
      };
    },
  );
}
