/**
 * The HTTP application: Fastify with the access policy, problem+json errors, OpenAPI generated
 * from the route schemas (/openapi.json) and its documentation page (/docs).
 */
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { WorkflowContext } from '../workflow/context.ts';
import { registerAuth } from './auth.ts';
import { draftRoutes, PREFILL_READING } from './routes/drafts.ts';
import type { ReaderOptions } from '../documents/read-document.ts';
import { addSecurityHeaders } from './security-headers.ts';
import { refuseNulCharacters } from './refuse-nul.ts';
import { formatsPlugin } from './formats.ts';
import type { TrustProxy } from '../config/trust-proxy.ts';
import { requestLogSerializers } from './log-redaction.ts';
import { errorHandler, frameworkError, notFoundHandler } from './problem.ts';
import { demandActionRoutes } from './routes/demand-actions.ts';
import { agencyRecordRoutes } from './routes/agency-record.ts';
import { customerRecordRoutes } from './routes/customer-record.ts';
import { demandRoutes } from './routes/demands.ts';
import { directoryRoutes } from './routes/directory.ts';
import { challengeRoutes } from './routes/challenges.ts';
import { responseRoutes } from './routes/responses.ts';
import { DEFAULT_TEMPLATE_DIR } from '../config/env.ts';
import { loadTemplates } from '../notify/templates.ts';
import { openApiWebhooks } from '../notify/webhook-event-schemas.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { ledgerTileRoutes } from './routes/ledger-tiles.ts';
import { witnessRoutes } from './routes/witness.ts';
import type { WitnessConfig } from '../workflow/witness-checkpoint.ts';
import { reportRoutes } from './routes/reports.ts';
import { DEFAULT_LEDGER_ORIGIN } from '../config/ledger-config.ts';
import { generateLedgerSigning, type LedgerSigning } from '../ledger/log-signing.ts';
import { documentRoutes } from './routes/documents.ts';
import { evaluateRoutes } from './routes/evaluate.ts';
import { sessionRoutes } from './routes/session.ts';
import { singleSignOnRoutes } from './routes/single-sign-on.ts';
import type { PasskeyConfig, SsoConfig } from '../config/sso-config.ts';
import { passkeyRoutes } from './routes/passkeys.ts';
import { oidcClient } from '../sso/oidc-client.ts';
import { disclosureRoutes } from './routes/disclosure.ts';
import { systemRoutes } from './routes/system.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { statsRoutes } from './routes/stats.ts';
import { webRoutes } from './routes/web.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { webhookSender } from '../notify/webhook-sender.ts';
import { caseHandlingRoutes } from './routes/case-handling.ts';
import { outboundMailRoutes } from './routes/outbound-mail.ts';

export interface AppOptions {
  ctx: WorkflowContext;
  logLevel?: string;
  /** Folder of the message and draft templates; default: the ones shipped with Writ. */
  templateDir?: string;
  /** The ledger's checkpoint key and origin; default: a throw-away key (for tests), never for a real server. */
  ledger?: LedgerSigning;
  /** Demands one caller may submit per minute (default 600). */
  intakePerMinute?: number;
  /**
   * How test events reach customers' webhook endpoints, and which URLs may be registered: the
   * delivery settings (WRIT_WEBHOOK_ALLOW_PRIVATE, WRIT_WEBHOOK_TIMEOUT_MS). Default: public
   * addresses only, 5 s.
   */
  webhooks?: { allowPrivate: boolean; timeoutMs: number };
  /** Where log lines go (default: standard output). */
  logStream?: { write(line: string): void };
  /** Single sign-on for staff (WRIT_OIDC_*); default: off. */
  sso?: SsoConfig | null;
  /**
   * The TLS proxies in front of Writ (WRIT_TRUST_PROXY): their addresses or CIDR ranges.
   * Their X-Forwarded-Proto and X-Forwarded-For are believed, so cookies are Secure behind them and
   * rate limits see each client's address. Default: none (the headers are ignored).
   */
  trustProxy?: TrustProxy;
  /** Where passkeys are bound (WRIT_PUBLIC_URL); default: the host each request names. */
  passkeys?: PasskeyConfig;
  /** This deployment as a witness of other logs (WRIT_WITNESS_*); default: not a witness. */
  witness?: WitnessConfig | null;
  /** Witness cosignatures a checkpoint needs before it is served as published (default 0). */
  witnessQuorum?: number;
  /** The witnesses of this log (WRIT_LEDGER_WITNESSES), published with its key; default none. */
  witnesses?: readonly { url: string; verifierKey: string }[];
  /** How a document uploaded to pre-fill a form is read (pages, time); default PREFILL_READING. */
  documentReading?: ReaderOptions;
}

export async function buildApp({
  ctx,
  logLevel = 'info',
  ledger,
  templateDir,
  intakePerMinute = 600,
  webhooks = { allowPrivate: false, timeoutMs: 5000 },
  logStream,
  sso = null,
  trustProxy = false,
  passkeys = { origin: null },
  witness = null,
  witnessQuorum = 0,
  witnesses = [],
  documentReading = PREFILL_READING,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      logLevel === 'silent'
        ? false
        : { level: logLevel, serializers: requestLogSerializers, ...(logStream ? { stream: logStream } : {}) },
    // A line per request ("incoming request", "request completed") only at debug and trace: at the
    // default level the log holds what needs attention (errors, warnings, start and stop).
    logController: new LogController({ disableRequestLogging: logLevel !== 'debug' && logLevel !== 'trace' }),
    // Room for a JSON demand with many targets; documents come as multipart with their own limit.
    bodyLimit: 2 * 1024 * 1024,
    trustProxy,
    ajv: {
      customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false },
      plugins: [formatsPlugin],
    },
    // Errors the router raises before any route runs (a path that is no valid percent-encoding, a
    // parameter too long) leave as problem+json too.
    frameworkErrors: frameworkError,
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  await app.register(cookie);
  // Security headers on every answer; the CSP allows only this origin's scripts.
  addSecurityHeaders(app);
  // Limits are set per route (sign-in, intake, downloads); the key is the caller when known.
  await app.register(rateLimit, { global: false, keyGenerator: (req) => req.principal?.id ?? req.ip });
  registerAuth(app, ctx.db, ctx.now);
  refuseNulCharacters(app);
  await app.register(multipart, { limits: { fileSize: ctx.maxDocumentBytes } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Writ API',
        version: '1',
        description: 'Government demands for customer data, handled the way the customer would want.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
      // What Writ sends to customers' endpoints, one entry per event type.
      webhooks: openApiWebhooks(),
    } as never,
  });
  // Before every other route, so that its request counters see them all.
  metricsRoutes(app, ctx.db, ctx.now);
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  systemRoutes(app, ctx.db);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  demandRoutes(app, ctx, intakePerMinute);
  customerRecordRoutes(app, ctx);
  agencyRecordRoutes(app, ctx);
  demandActionRoutes(app, ctx);
  directoryRoutes(app, ctx);
  evaluateRoutes(app, ctx);
  sessionRoutes(app, ctx);
  singleSignOnRoutes(app, ctx, sso ? oidcClient(sso) : null);
  passkeyRoutes(app, ctx, passkeys);
  documentRoutes(app, ctx);
  draftRoutes(app, ctx, documentReading);
  statsRoutes(app, ctx);
  const signing = ledger ?? generateLedgerSigning(DEFAULT_LEDGER_ORIGIN).signing;
  ledgerRoutes(app, ctx.db, signing, { quorum: witnessQuorum, witnesses });
  ledgerTileRoutes(app, ctx.db, witnessQuorum);
  await witnessRoutes(app, ctx.db, witness);
  reportRoutes(app, ctx, signing);
  disclosureRoutes(app, ctx, signing.signer);
  challengeRoutes(app, ctx, loadTemplates(templateDir ?? DEFAULT_TEMPLATE_DIR));
  responseRoutes(app, ctx);
  caseHandlingRoutes(app, ctx);
  outboundMailRoutes(app, ctx);
  // The same sender the outbox worker uses (address guard, signature, timeout), for test events.
  const sender = webhookSender(webhooks);
  app.addHook('onClose', async () => sender.close());
  webhookRoutes(app, ctx, { sender, allowPrivate: webhooks.allowPrivate });
  // The web application last: its catch-all client routes must not shadow an API route.
  await webRoutes(app);
  return app;
}
