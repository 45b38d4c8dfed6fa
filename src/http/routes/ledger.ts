/**
 * The ledger over HTTP: the latest signed checkpoint and the verifier key (public), consistency
 * proofs between any two tree sizes (public), inclusion proofs with the leaf and its salt (staff,
 * and a customer admin for its own tenant's events only), and cutting a checkpoint now
 * (administrator). Hashes and salts are standard base64; leaves are their canonical JSON text.
 */
import type { FastifyInstance } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { consistencyProof, encodeBase64, formatKeyId, inclusionProof, treeRoot } from '../../ledger/index.ts';
import { hiddenValues, leafFormatOf, leafSource, leafText } from '../../ledger/leaf.ts';
import { type FieldOpening, eventFields, fieldCommitments, fieldSalt } from '../../ledger/leaf-v2.ts';
import type { LedgerSigning } from '../../ledger/log-signing.ts';
import type { Db } from '../../store/database.ts';
import { type StoredCheckpoint, findCheckpoint, latestCheckpoint } from '../../store/ledger-checkpoint-repository.ts';
import {
  type StoredLeaf,
  eventConcernsCustomer,
  findEventRef,
  findLeaf,
  ledgerNodeReader,
  ledgerTreeSize,
} from '../../store/ledger-repository.ts';
import { CheckpointRefused, cutCheckpoint } from '../../workflow/cut-checkpoint.ts';
import { publishedCheckpoint } from '../../workflow/request-cosignatures.ts';
import { sequenceLedger } from '../../workflow/sequence-ledger.ts';
import { callerOf } from '../auth.ts';

/** Public routes are cheap but unauthenticated: a limit per caller keeps one client from hogging them. */
const PUBLIC_LIMIT = { rateLimit: { max: 600, timeWindow: '1 minute' } };

const Size = (description: string) => T.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description });

const InclusionQuery = T.Object(
  {
    event: T.Optional(T.String({ pattern: '^[1-9][0-9]{0,17}$', description: 'Event id (give this or index)' })),
    index: T.Optional(
      T.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Leaf index (give this or event)' }),
    ),
    size: T.Optional(Size('Tree size to prove inclusion in; default: the latest checkpoint')),
  },
  { additionalProperties: false },
);

const ConsistencyQuery = T.Object(
  { from: Size('The older tree size'), to: Size('The newer tree size') },
  { additionalProperties: false },
);

function presentCheckpoint(cp: StoredCheckpoint, origin: string) {
  return {
    origin,
    treeSize: cp.treeSize,
    rootHash: encodeBase64(cp.rootHash),
    createdAt: cp.createdAt.toISOString(),
    checkpoint: cp.note,
  };
}

/**
 * The values behind a leaf's commitments that this caller may see: everything for staff; for a
 * customer admin the demand id and its own customer id, never other tenants, actors or notes.
 */
function disclosedTo(caller: Principal, leaf: StoredLeaf): Record<string, unknown> {
  if (leaf.event === null) return {};
  const all = hiddenValues(leaf.event, leaf.sealed);
  if (caller.kind === 'staff') return Object.fromEntries(all);
  if (caller.kind !== 'customer_admin') return {};
  const own = caller.customerId;
  const out: Record<string, unknown> = {};
  if (all.has('demandId')) out.demandId = all.get('demandId');
  const ids = all.get('payload.customerIds');
  if (Array.isArray(ids) && ids.includes(own)) out['payload.customerIds'] = [own];
  if (all.get('payload.customerId') === own) out['payload.customerId'] = own;
  return out;
}

/**
 * The fields of a format-2 leaf this caller may open: every field for staff; for a customer admin
 * the event type and time, the demand id and its own customer id (one element of a list), never
 * other tenants, actors or notes.
 */
function openableBy(caller: Principal, fields: readonly FieldOpening[]): FieldOpening[] {
  if (caller.kind === 'staff') return [...fields];
  if (caller.kind !== 'customer_admin') return [];
  const own = caller.customerId;
  return fields.filter(
    (f) =>
      f.name === 'type' ||
      f.name === 'time' ||
      f.name === 'demandId' ||
      ((f.name === 'payload.customerIds' || f.name === 'payload.customerId') && f.value === own),
  );
}

/** What a proof hands out to open a format-2 leaf: all commitments, and per visible field its value and salt. */
function openingsFor(caller: Principal, leaf: StoredLeaf) {
  if (leaf.event === null || leaf.salt === null || leafFormatOf(leaf.leaf) !== 2) return null;
  const src = leafSource(leaf.event);
  const secret = leaf.salt;
  return {
    commitments: fieldCommitments(src, secret).map(encodeBase64),
    openings: openableBy(caller, eventFields(src)).map((f) => ({
      name: f.name,
      element: f.element,
      value: f.value,
      salt: encodeBase64(fieldSalt(secret, f.name, f.element)),
    })),
  };
}

/** The values a caller may see, by field name (lists as the elements it may see). */
function disclosedV2(opened: readonly { name: string; element: number | null; value: unknown }[]) {
  const out: Record<string, unknown> = {};
  for (const o of opened) {
    if (o.element === null) out[o.name] = o.value;
    else out[o.name] = [...((out[o.name] as unknown[] | undefined) ?? []), o.value];
  }
  return out;
}

export function ledgerRoutes(
  app: FastifyInstance,
  db: Db,
  signing: LedgerSigning,
  witnessing: { quorum: number; witnesses: readonly { url: string; verifierKey: string }[] } = {
    quorum: 0,
    witnesses: [],
  },
): void {
  const witnessQuorum = witnessing.quorum;
  const keyFacts = () => ({
    origin: signing.origin,
    verifierKey: signing.verifierKey,
    keyName: signing.verifier.name,
    keyId: formatKeyId(signing.verifier.keyId),
    algorithm: 'Ed25519',
  });

  // Where a mirror, monitor or witness starts: the log's origin and key, where its checkpoint and
  // tiles are (c2sp.org/tlog-tiles), and which witnesses must cosign a checkpoint before it counts.
  // The same key is printed in every transparency report, so a reader can compare the two.
  app.get(
    '/.well-known/writ-ledger.json',
    {
      config: PUBLIC_LIMIT,
      schema: { tags: ['ledger'], summary: "The ledger's origin, key, tile location and witnesses" },
    },
    async (_req, reply) =>
      reply.header('cache-control', 'public, max-age=300').send({
        ...keyFacts(),
        checkpoint: '/ledger/checkpoint',
        tiles: '/ledger/tile/',
        witnesses: witnessing.witnesses.map((w) => ({ url: w.url, verifierKey: w.verifierKey })),
        witnessQuorum,
      }),
  );

  app.get(
    '/api/v1/ledger/checkpoint',
    {
      config: PUBLIC_LIMIT,
      schema: { tags: ['ledger'], summary: 'The latest signed checkpoint (c2sp.org/tlog-checkpoint)' },
    },
    async () => {
      // The latest checkpoint that counts as published: cosigned by the quorum of witnesses, with
      // their cosignature lines (and the log's own signed time) under the log's signature.
      const cp = await publishedCheckpoint(db, witnessQuorum);
      if (!cp) throw new DomainError('not_found', 'No checkpoint has been signed (and cosigned) yet');
      return presentCheckpoint(cp, signing.origin);
    },
  );

  app.get(
    '/api/v1/ledger/key',
    {
      config: PUBLIC_LIMIT,
      schema: { tags: ['ledger'], summary: 'The key that signs checkpoints (c2sp.org/signed-note verifier key)' },
    },
    async () => keyFacts(),
  );

  app.get(
    '/api/v1/ledger/proof/inclusion',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Inclusion proof of one event (by event id or leaf index), with its leaf and salt',
        querystring: InclusionQuery,
      },
    },
    async (req) => {
      const q = req.query as { event?: string; index?: number; size?: number };
      if ((q.event === undefined) === (q.index === undefined))
        throw invalid([{ pointer: '/query/event', detail: 'give exactly one of event and index' }]);
      const caller = callerOf(req);
      const leaf = await findLeaf(db, q.event !== undefined ? { eventId: q.event } : { index: q.index! });
      const what = q.event !== undefined ? `event ${q.event}` : `leaf ${q.index}`;
      // A customer admin gets the same 404 for another tenant's event as for no event at all.
      const eventId = leaf?.eventId ?? q.event;
      if (
        caller.kind === 'customer_admin' &&
        (eventId === undefined || !(await eventConcernsCustomer(db, eventId, caller.customerId)))
      ) {
        throw new DomainError('not_found', `No ${what} in the log`);
      }
      if (!leaf) {
        const recorded = q.event !== undefined && (await findEventRef(db, q.event)) !== undefined;
        throw new DomainError(
          'not_found',
          recorded
            ? `Event ${q.event} is recorded but not in the log yet; try again in a few seconds`
            : `No ${what} in the log`,
        );
      }
      const latest = await latestCheckpoint(db);
      const size = q.size ?? latest?.treeSize;
      if (size === undefined)
        throw new DomainError('conflict', 'No checkpoint has been signed yet; try again in a minute');
      const treeSize = await ledgerTreeSize(db);
      if (size > treeSize)
        throw invalid([{ pointer: '/query/size', detail: `is larger than the log (${treeSize} leaves)` }]);
      if (leaf.index >= size) {
        if (q.size === undefined)
          throw new DomainError(
            'conflict',
            `Leaf ${leaf.index} is not covered by a checkpoint yet; try again in a minute`,
          );
        throw invalid([{ pointer: '/query/size', detail: `must be larger than the leaf index ${leaf.index}` }]);
      }
      const reader = ledgerNodeReader(db);
      const proof = await inclusionProof(reader, leaf.index, size);
      const root = await treeRoot(reader, size);
      const cp = latest?.treeSize === size ? latest : await findCheckpoint(db, size);
      const opened = openingsFor(caller, leaf);
      return {
        index: leaf.index,
        eventId: leaf.eventId,
        treeSize: size,
        leaf: leafText(leaf.leaf),
        leafHash: encodeBase64(leaf.leafHash),
        format: leafFormatOf(leaf.leaf),
        // Format 1 only: one salt opened every field of the leaf. Format 2 hands out one salt per field.
        salt: opened === null && leaf.salt ? encodeBase64(leaf.salt) : null,
        disclosed: opened === null ? disclosedTo(caller, leaf) : disclosedV2(opened.openings),
        commitments: opened?.commitments ?? null,
        openings: opened?.openings ?? null,
        proof: proof.map(encodeBase64),
        rootHash: encodeBase64(root),
        checkpoint: cp?.note ?? null,
      };
    },
  );

  app.get(
    '/api/v1/ledger/proof/consistency',
    {
      config: PUBLIC_LIMIT,
      schema: {
        tags: ['ledger'],
        summary: 'Consistency proof between two tree sizes (RFC 6962)',
        querystring: ConsistencyQuery,
      },
    },
    async (req) => {
      const { from, to } = req.query as { from: number; to: number };
      if (from > to) throw invalid([{ pointer: '/query/from', detail: 'must not be larger than to' }]);
      const treeSize = await ledgerTreeSize(db);
      if (to > treeSize)
        throw invalid([{ pointer: '/query/to', detail: `is larger than the log (${treeSize} leaves)` }]);
      const reader = ledgerNodeReader(db);
      const proof = await consistencyProof(reader, from, to);
      return {
        from,
        to,
        fromRoot: encodeBase64(await treeRoot(reader, from)),
        toRoot: encodeBase64(await treeRoot(reader, to)),
        proof: proof.map(encodeBase64),
      };
    },
  );

  app.post(
    '/api/v1/ledger/checkpoints',
    { schema: { tags: ['ledger'], summary: 'Sequence pending events and sign a checkpoint now' } },
    async (req, reply) => {
      await sequenceLedger(db);
      let cut: Awaited<ReturnType<typeof cutCheckpoint>>;
      try {
        cut = await cutCheckpoint(db, signing);
      } catch (e) {
        if (!(e instanceof CheckpointRefused)) throw e;
        req.log.error({ err: e }, 'ledger checkpoint refused');
        throw new DomainError('conflict', `Refused to sign a checkpoint: ${e.message}`);
      }
      if (!cut) throw new DomainError('conflict', 'The log is empty: there is nothing to sign yet');
      return reply
        .status(cut.created ? 201 : 200)
        .send({ ...presentCheckpoint(cut.checkpoint, signing.origin), created: cut.created });
    },
  );
}
