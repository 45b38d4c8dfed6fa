/**
 * Writ as a witness of other logs (c2sp.org/tlog-witness): `POST /witness/add-checkpoint`, public
 * (a witness authenticates nothing but the checkpoint's signature). The body is "old <size>",
 * the consistency proof lines, an empty line and the signed checkpoint; the answer is the
 * cosignature line (c2sp.org/tlog-cosignature), or the protocol's status: 404 for a log this
 * witness does not watch, 403 for a checkpoint not signed by its key, 409 with the size cosigned
 * last (text/x.tlog.size), 422 for a proof that does not verify, 400 for a malformed request.
 */
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../store/database.ts';
import { type WitnessConfig, WitnessRefusal, witnessCheckpoint } from '../../workflow/witness-checkpoint.ts';

export async function witnessRoutes(app: FastifyInstance, db: Db, witness: WitnessConfig | null): Promise<void> {
  await app.register(async (scope) => {
    // The protocol names no content type: take the body as text whatever it says.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(
      '/witness/add-checkpoint',
      {
        config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: { tags: ['ledger'], summary: 'Cosign another log’s checkpoint (c2sp.org/tlog-witness)' },
      },
      async (req, reply) => {
        if (!witness)
          throw new DomainError('not_found', 'This deployment is not a witness (WRIT_WITNESS_KEY is not set)');
        try {
          const line = await witnessCheckpoint(db, witness, String(req.body ?? ''), new Date());
          return reply.header('content-type', 'text/plain; charset=utf-8').send(line);
        } catch (e) {
          if (!(e instanceof WitnessRefusal)) throw e;
          if (e.status === 409 && e.size !== undefined)
            return reply.status(409).header('content-type', 'text/x.tlog.size').send(`${e.size}\n`);
          return reply
            .status(e.status)
            .header('content-type', 'application/problem+json; charset=utf-8')
            .send({ type: 'about:blank', title: e.message, status: e.status, detail: e.message });
        }
      },
    );
  });
}
