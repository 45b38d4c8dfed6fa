/**
 * The ceiling Writ's intake is measured against: a bare Fastify route that validates nothing and
 * inserts one row with `pg`, on the same database server, in a process of its own.
 */
import Fastify from 'fastify';
import pg from 'pg';

const url = process.env.BENCH_DATABASE_URL!;
const pool = new pg.Pool({ connectionString: url, max: 10 });
await pool.query(
  'create table if not exists bare_intake (id bigserial primary key, body jsonb not null, received_at timestamptz not null default now())',
);
const app = Fastify({ logger: false });
app.post('/bare', async (req, reply) => {
  const { rows } = await pool.query('insert into bare_intake (body) values ($1) returning id', [
    JSON.stringify(req.body),
  ]);
  return reply.status(201).send({ id: rows[0].id });
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('READY');
