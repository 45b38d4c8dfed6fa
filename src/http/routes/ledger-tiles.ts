/**
 * The log as a C2SP tlog-tiles log (c2sp.org/tlog-tiles), public, beside the API, so that anyone
 * can mirror it with a standard tile client and recompute every published figure from the leaves:
 *
 *   GET /ledger/checkpoint                     the latest signed checkpoint (text, cached 2 s)
 *   GET /ledger/tile/<L>/<N>[.p/<W>]           hash tiles (256 hashes of tree level 8·L)
 *   GET /ledger/tile/entries/<N>[.p/<W>]       entry bundles: the public leaves, each prefixed
 *                                              with its length as a big-endian uint16
 *
 * <N> is written in 3-digit groups, all but the last prefixed "x" (1234067 is x001/x234/067).
 * Tiles and bundles are immutable (a partial tile of width W never changes either) and served with
 * a year's public caching; only what the latest checkpoint covers is served, so every tile can be
 * checked against a signed root. The prefix is the origin's path: a log whose origin is
 * "writ.example/ledger" is served under https://writ.example/ledger/.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { readLeafBytes, readLevelHashes } from '../../store/ledger-repository.ts';
import type { Db } from '../../store/database.ts';
import { publishedCheckpoint } from '../../workflow/request-cosignatures.ts';

const TILE_WIDTH = 256;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const PUBLIC_LIMIT = { rateLimit: { max: 6000, timeWindow: '1 minute' } };

/** A tile address: level (or "entries"), index and width (256 for a full tile). */
export interface TileAddress {
  level: number | 'entries';
  index: number;
  width: number;
}

/** Parses "<L>/<N>[.p/<W>]" or "entries/<N>[.p/<W>]" strictly; undefined when it is not a tile path. */
export function parseTilePath(path: string): TileAddress | undefined {
  const m = /^(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (!m) return undefined;
  const level = m[1] === 'entries' ? 'entries' : Number(m[1]);
  if (level !== 'entries' && level > 63) return undefined;
  const groups = m[2]!.split('/').map((g) => g.replace('x', ''));
  if (groups.length > 1 && groups[0] === '000') return undefined; // one spelling per index
  const index = Number(groups.join(''));
  const width = m[3] === undefined ? TILE_WIDTH : Number(m[3]);
  if (!Number.isSafeInteger(index) || width > 255 + (m[3] === undefined ? 1 : 0)) return undefined;
  return { level, index, width };
}

function octets(reply: FastifyReply, body: Buffer): FastifyReply {
  return reply.header('content-type', 'application/octet-stream').header('cache-control', IMMUTABLE).send(body);
}

export function ledgerTileRoutes(app: FastifyInstance, db: Db, witnessQuorum = 0): void {
  app.get(
    '/ledger/checkpoint',
    { config: PUBLIC_LIMIT, schema: { tags: ['ledger'], summary: 'The latest checkpoint (c2sp.org/tlog-tiles)' } },
    async (_req, reply) => {
      const cp = await publishedCheckpoint(db, witnessQuorum);
      if (!cp) throw new DomainError('not_found', 'No checkpoint has been signed (and cosigned) yet');
      return reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('cache-control', 'public, max-age=2')
        .send(cp.note);
    },
  );

  app.get(
    '/ledger/tile/*',
    {
      config: PUBLIC_LIMIT,
      schema: { tags: ['ledger'], summary: 'Hash tiles and entry bundles of the log (c2sp.org/tlog-tiles)' },
    },
    async (req, reply) => {
      const path = (req.params as { '*': string })['*'];
      const tile = parseTilePath(path);
      if (!tile)
        throw new DomainError('not_found', `No tile at ${path}: tiles are <L>/<N>[.p/<W>] or entries/<N>[.p/<W>]`);
      const cp = await publishedCheckpoint(db, witnessQuorum);
      const level = tile.level === 'entries' ? 0 : tile.level;
      const span = TILE_WIDTH ** level;
      const first = tile.index * TILE_WIDTH;
      // The tile must lie below the latest checkpoint, and a partial one must be the width a tree
      // of that size or a smaller one has (any partial tile of the right hashes is immutable).
      if (!cp || (first + tile.width) * span > cp.treeSize)
        throw new DomainError('not_found', `No tile at ${path} below the latest checkpoint`);
      if (tile.level === 'entries') {
        const leaves = await readLeafBytes(db, first, tile.width);
        if (leaves.length !== tile.width) throw new DomainError('not_found', `No tile at ${path}`);
        const parts: Buffer[] = [];
        for (const l of leaves) {
          const len = Buffer.alloc(2);
          len.writeUInt16BE(l.leaf.length);
          parts.push(len, Buffer.from(l.leaf));
        }
        return octets(reply, Buffer.concat(parts));
      }
      const hashes = await readLevelHashes(db, 8 * tile.level, first, tile.width);
      if (hashes.length !== tile.width) throw new DomainError('not_found', `No tile at ${path}`);
      return octets(reply, Buffer.concat(hashes));
    },
  );
}
