/**
 * An agency officer files a demand: the legal instrument, the requester, the accounts, the data,
 * and the signed document. Attached first, the document can fill the form in: Writ reads it
 * (POST /api/v1/documents/read, nothing kept) and each field it found is filled and marked as read
 * from the document, with its page and confidence, for the officer to check and correct. Nothing
 * is submitted but by the officer. Checked here first (the same rules as the API), then sent as
 * multipart with the demand as JSON in the "demand" field.
 */
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, api } from '../../lib/api.ts';
import type { AgencyInfo, SharedDemand } from '../../lib/api-types.ts';
import { useNavigate } from 'react-router';
import { useSession } from '../../lib/session.tsx';
import { useQuery } from '@tanstack/react-query';
import { COUNTRIES, DATA_CATEGORIES, INSTRUMENTS, categoryLabel, instrumentLabel } from '../../lib/vocabulary.ts';
import { CheckboxField, FieldGroup, SelectField, TextArea, TextField } from '../../components/fields.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { FieldsReadTable, PageText, ReadMark } from '../../components/DocumentReading.tsx';
import { evidenceOf } from '../../lib/document-reading.ts';
import { TargetsFieldset } from './TargetsFieldset.tsx';
import { changedSince, prefillForm, type DocumentReading, type Prefilled } from './prefill.ts';
import { newIdempotencyKey } from './idempotency-key.ts';
import {
  ACCEPTED_DOCUMENTS,
  EMPTY_FORM,
  fieldIdFor,
  toIntake,
  validateIntakeForm,
  type IntakeForm,
  type IntakeProblems,
} from './intake-form.ts';

const INSTRUMENT_OPTIONS = INSTRUMENTS.map((i) => ({ value: i, label: instrumentLabel(i) }));
const COUNTRY_OPTIONS = COUNTRIES.map((c) => ({ value: c.code, label: c.name }));
const NSL_CERTIFICATION_OPTIONS = [
  { value: 'yes', label: 'Certified: the letter bars disclosure' },
  { value: 'no', label: 'Not certified: no bar on disclosure' },
];

export function SubmitDemandPage() {
  const { me } = useSession();
  const agencyId = me?.kind === 'officer' ? me.agencyId : '';
  const navigate = useNavigate();
  const agency = useQuery({
    queryKey: ['agency', agencyId],
    queryFn: ({ signal }) => api<AgencyInfo>(`/api/v1/agencies/${agencyId}`, { signal }),
    enabled: !!agencyId,
  });
  const [form, setForm] = useState<IntakeForm>(() => ({ ...EMPTY_FORM, requesterName: me?.name ?? '' }));
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<IntakeProblems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [reading, setReading] = useState<Reading | null>(null);
  const [prefilled, setPrefilled] = useState<Prefilled>({});
  const [marked, setMarked] = useState<string | null>(null);
  const idempotencyKey = useMemo(newIdempotencyKey, []);
  // The agency's own country, once known, unless the officer already chose one.
  const jurisdiction = form.jurisdiction || agency.data?.country || '';

  const set = <K extends keyof IntakeForm>(k: K, v: IntakeForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const text = (k: keyof IntakeForm, hint?: ReactNode) => ({
    value: form[k] as string,
    onChange: (e: { target: { value: string } }) => set(k, e.target.value as never),
    error: problems[pointerOf(k)],
    hint: hintFor(k, hint),
  });

  /** A field's hint with, when it was filled from the document, where it was read. */
  const hintFor = (k: keyof IntakeForm, hint?: ReactNode): ReactNode => {
    const p = prefilled[k];
    if (!p) return hint;
    return (
      <>
        {hint}
        {hint ? ' ' : null}
        <ReadMark field={p.field} changed={changedSince(form, k, prefilled)} />
      </>
    );
  };

  const choose = (chosen: File[]) => {
    setFiles(chosen);
    setReading(null);
  };

  const fillFrom = async (file: File) => {
    setReading({ file: file.name, state: 'reading' });
    setMarked(null);
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      const read = await api<DocumentReading>('/api/v1/documents/read', { method: 'POST', form: body });
      const filled = prefillForm({ ...form, jurisdiction }, read.fields);
      const found = Object.keys(filled.prefilled).length;
      setForm(filled.form);
      setPrefilled(filled.prefilled);
      setReading({ file: file.name, state: found ? 'read' : 'empty', read });
    } catch (err) {
      setReading({ file: file.name, state: 'failed', message: readFailure(err) });
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    setFailure(null);
    const filled = { ...form, jurisdiction };
    const found = validateIntakeForm(filled, { now: new Date(), files });
    setProblems(found);
    if (Object.keys(found).length) return;
    const body = new FormData();
    body.append('demand', JSON.stringify(toIntake(filled, agencyId)));
    for (const f of files) body.append('document', f, f.name);
    setBusy(true);
    try {
      const demand = await api<SharedDemand>('/api/v1/demands', {
        method: 'POST',
        form: body,
        headers: { 'idempotency-key': idempotencyKey },
      });
      void navigate(`/agency/demands/${encodeURIComponent(demand.reference)}?submitted=1`);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) setProblems(err.fields);
      else
        setFailure(
          err instanceof ApiError && err.status === 413
            ? 'A file is larger than Writ accepts.'
            : `The demand was not filed: ${(err as Error).message}`,
        );
      setAttempt((a) => a + 1);
    } finally {
      setBusy(false);
    }
  };

  const readable = files.filter((f) => ACCEPTED_DOCUMENTS.includes(f.type));
  const summary = Object.entries(problems).map(([pointer, message]) => ({ fieldId: fieldIdFor(pointer), message }));

  return (
    <>
      <PageHeading title="Submit a demand" />
      <p>
        For {agency.data?.name ?? 'your agency'}. Fields marked (required) must be filled in; the rest only where the
        instrument states them.
      </p>
      <ErrorSummary problems={summary} attempt={attempt} />
      {failure && (
        <p className="alert alert-danger" role="alert">
          {failure}
        </p>
      )}
      <form className="intake-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Demand">
        <section className="card" aria-labelledby="s-document">
          <h2 id="s-document">The signed document</h2>
          <TextField
            id="f-documents"
            label="Signed legal document"
            required
            type="file"
            multiple
            accept={ACCEPTED_DOCUMENTS.join(',')}
            hint="PDF, PNG or JPEG. Several files may be attached. Writ can fill the form in from it: check every field."
            error={problems['/documents']}
            onChange={(e) => choose(Array.from(e.target.files ?? []))}
          />
          {readable.length > 0 && (
            <div className="form-actions">
              {readable.map((f) => (
                <button
                  key={f.name}
                  type="button"
                  disabled={reading?.state === 'reading'}
                  onClick={() => void fillFrom(f)}
                >
                  Fill in from {readable.length > 1 ? f.name : 'the document'}
                </button>
              ))}
            </div>
          )}
          {reading && <ReadingReport reading={reading} marked={marked} onMark={setMarked} />}
        </section>

        <section className="card" aria-labelledby="s-instrument">
          <h2 id="s-instrument">The legal instrument</h2>
          <SelectField
            id="f-instrument"
            label="Instrument"
            required
            options={INSTRUMENT_OPTIONS}
            placeholder="Choose…"
            {...text('instrument')}
          />
          <div className="row">
            <SelectField
              id="f-jurisdiction"
              label="Country whose law it is made under"
              required
              options={COUNTRY_OPTIONS}
              placeholder="Choose…"
              value={jurisdiction}
              hint={hintFor('jurisdiction')}
              onChange={(e) => set('jurisdiction', e.target.value)}
              error={problems['/jurisdiction']}
            />
            <TextField
              id="f-jurisdictionSubdivision"
              label="State or region"
              maxLength={6}
              {...text('jurisdictionSubdivision', 'For state-level process, e.g. US-CA.')}
            />
          </div>
          <div className="row">
            <TextField
              id="f-issuedAt"
              label="Issued on"
              type="date"
              {...text('issuedOn')}
              error={problems['/issuedAt']}
            />
            <TextField
              id="f-responseDeadline"
              label="Response deadline stated in it"
              type="date"
              {...text('responseDeadlineOn')}
              error={problems['/responseDeadline']}
            />
          </div>
          <div className="row">
            <TextField id="f-issuingCourt" label="Issuing court" maxLength={300} {...text('issuingCourt')} />
            <TextField id="f-caseNumber" label="Case number" maxLength={100} {...text('caseNumber')} />
          </div>
          <CheckboxField
            id="f-signed"
            label="The instrument is signed"
            checked={form.signed}
            hint={hintFor('signed')}
            onChange={(e) => set('signed', e.target.checked)}
          />
          {form.instrument === 'national_security_letter' && (
            <div className="subfields">
              <SelectField
                id="f-legalFacts-nondisclosureCertified"
                label="Non-disclosure certification (18 U.S.C. 2709(c)(1))"
                options={NSL_CERTIFICATION_OPTIONS}
                placeholder="Not stated"
                {...text('nslCertified')}
                error={problems['/legalFacts/nondisclosureCertified']}
              />
              <CheckboxField
                id="f-legalFacts-tollBillingRecordsOnly"
                label="The records asked for are toll billing records only"
                checked={form.nslTollBillingOnly}
                onChange={(e) => set('nslTollBillingOnly', e.target.checked)}
              />
            </div>
          )}
          {form.instrument === 'european_production_order' && (
            <CheckboxField
              id="f-legalFacts-controllerNotToBeInformed"
              label="The provider is asked not to inform the controller (Art. 5(6) of Regulation (EU) 2023/1543)"
              checked={form.euRefrainFromInforming}
              onChange={(e) => set('euRefrainFromInforming', e.target.checked)}
            />
          )}
          {(form.instrument === 'preservation_request' || form.instrument === 'european_preservation_order') && (
            <TextField
              id="f-renewsReference"
              label="Renews the preservation"
              maxLength={14}
              {...text(
                'renewsReference',
                'For a renewal: the reference of the preservation it extends, e.g. WR-2026-000123.',
              )}
            />
          )}
        </section>

        <section className="card" aria-labelledby="s-requester">
          <h2 id="s-requester">Requester</h2>
          <div className="row">
            <TextField
              id="f-requester-name"
              label="Name"
              required
              autoComplete="name"
              maxLength={200}
              {...text('requesterName')}
              error={problems['/requester/name']}
            />
            <TextField
              id="f-requester-email"
              label="E-mail"
              required
              type="email"
              autoComplete="email"
              {...text('requesterEmail', "At your agency's own domain.")}
              error={problems['/requester/email']}
            />
          </div>
          <TextField
            id="f-requester-phone"
            label="Phone"
            type="tel"
            autoComplete="tel"
            maxLength={40}
            {...text('requesterPhone')}
            error={problems['/requester/phone']}
          />
        </section>

        <section className="card" aria-labelledby="s-targets">
          <h2 id="s-targets">Accounts and data</h2>
          <TargetsFieldset
            targets={form.targets}
            problems={problems}
            onChange={(t) => set('targets', t)}
            mark={
              prefilled.targets && (
                <ReadMark field={prefilled.targets.field} changed={changedSince(form, 'targets', prefilled)} />
              )
            }
          />
          <FieldGroup
            id="f-dataCategories"
            legend="Data asked for"
            hint={hintFor('dataCategories')}
            error={problems['/dataCategories']}
            required
          >
            {DATA_CATEGORIES.map((c) => (
              <CheckboxField
                key={c}
                id={`f-category-${c}`}
                label={categoryLabel(c)}
                checked={form.dataCategories.includes(c)}
                onChange={(e) =>
                  set(
                    'dataCategories',
                    e.target.checked ? [...form.dataCategories, c] : form.dataCategories.filter((x) => x !== c),
                  )
                }
              />
            ))}
          </FieldGroup>
          <div className="row">
            <TextField
              id="f-dateRange-from"
              label="Period from"
              type="date"
              {...text('dateFrom')}
              error={problems['/dateRange/from']}
            />
            <TextField
              id="f-dateRange-to"
              label="Period to"
              type="date"
              {...text('dateTo', 'Leave empty for up to now.')}
              error={problems['/dateRange/to']}
            />
          </div>
        </section>

        <section className="card" aria-labelledby="s-circumstances">
          <h2 id="s-circumstances">Circumstances</h2>
          <CheckboxField
            id="f-emergency-flag"
            label="This is an emergency (danger of death or serious physical injury)"
            checked={form.emergency}
            hint={hintFor('emergency')}
            onChange={(e) => set('emergency', e.target.checked)}
            error={problems['/emergency']}
          />
          {form.emergency && (
            <TextArea
              id="f-emergency-description"
              label="The emergency"
              required
              maxLength={5000}
              {...text('emergencyDescription')}
              error={problems['/emergency/description']}
            />
          )}
          <CheckboxField
            id="f-secrecy-flag"
            label="A secrecy (non-disclosure) order comes with it"
            checked={form.secrecy}
            hint={hintFor('secrecy')}
            onChange={(e) => set('secrecy', e.target.checked)}
          />
          {form.secrecy && (
            <div className="subfields">
              <TextField
                id="f-secrecyOrder-legalBasis"
                label="Legal basis"
                required
                maxLength={300}
                {...text('secrecyLegalBasis', 'e.g. "18 U.S.C. 2705(b)"')}
                error={problems['/secrecyOrder/legalBasis']}
              />
              <div className="row">
                <TextField
                  id="f-secrecyOrder-issuedAt"
                  label="Order issued on"
                  required
                  type="date"
                  {...text('secrecyIssuedOn')}
                  error={problems['/secrecyOrder/issuedAt']}
                />
                <TextField
                  id="f-secrecyOrder-expiresAt"
                  label="Order ends on"
                  type="date"
                  {...text('secrecyExpiresOn', 'Leave empty when it states no end.')}
                  error={problems['/secrecyOrder/expiresAt']}
                />
              </div>
              <CheckboxField
                id="f-secrecyOrder-findings"
                label="The court made findings specific to this case"
                checked={form.secrecyFindings}
                onChange={(e) => set('secrecyFindings', e.target.checked)}
              />
              <CheckboxField
                id="f-secrecyOrder-enterpriseNoticeRisk"
                label="The order finds that telling the customer organisation itself would put the investigation at risk"
                checked={form.secrecyEnterpriseRisk}
                onChange={(e) => set('secrecyEnterpriseRisk', e.target.checked)}
              />
            </div>
          )}
          <div className="row">
            <TextField
              id="f-offence-description"
              label="Offence"
              maxLength={1000}
              {...text('offenceDescription')}
              error={problems['/offence/description']}
            />
            <TextField
              id="f-offence-maxSentenceYears"
              label="Maximum sentence (years)"
              inputMode="decimal"
              {...text('offenceMaxYears')}
              error={problems['/offence/maxSentenceYears']}
            />
          </div>
        </section>

        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy || !agencyId}>
            {busy ? 'Submitting…' : 'Submit the demand'}
          </button>
        </div>
      </form>
    </>
  );
}

type Reading =
  | { file: string; state: 'reading' }
  | { file: string; state: 'read' | 'empty'; read: DocumentReading }
  | { file: string; state: 'failed'; message: string };

/** Why a document could not be read, in words for the officer (the form stays as it was). */
function readFailure(err: unknown): string {
  if (!(err instanceof ApiError)) return `it could not be sent (${(err as Error).message})`;
  if (err.status === 413) return 'it is larger than Writ reads';
  if (err.status === 415) return 'it is not a PDF, PNG or JPEG file';
  if (err.status === 429 || err.status === 503) return 'Writ is busy reading other documents: try again in a minute';
  return err.message;
}

/** What reading the document gave: the fields filled in, what was not read, and where each field was found. */
function ReadingReport({
  reading,
  marked,
  onMark,
}: {
  reading: Reading;
  marked: string | null;
  onMark: (key: string) => void;
}) {
  if (reading.state === 'reading')
    return (
      <p role="status" className="muted">
        Reading {reading.file}… A scanned document takes up to a minute.
      </p>
    );
  if (reading.state === 'failed')
    return (
      <p role="alert" className="alert alert-warn">
        {reading.file} could not be read: {reading.message}. Fill in the form yourself; the document stays attached.
      </p>
    );
  const { read } = reading;
  return (
    <div role="status">
      {reading.state === 'empty' ? (
        <p className="alert alert-warn">
          Nothing could be read from {reading.file}. Fill in the form yourself; the document stays attached.
        </p>
      ) : (
        <p className="alert alert-info">
          The form was filled in from {reading.file}. Each field read from it is marked with the page it was found on
          and how sure the reading is: check every one and correct what is wrong. Nothing is submitted until you submit
          the demand.
        </p>
      )}
      {read.problems.length > 0 && (
        <ul>
          {read.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {reading.state === 'read' && (
        <details>
          <summary>Where each field was found</summary>
          <FieldsReadTable fields={read.fields} marked={marked} onMark={onMark} />
          {read.pages.map((p) => (
            <PageText key={p.page} page={p} marks={evidenceOf(read.fields, marked)} />
          ))}
        </details>
      )}
    </div>
  );
}

/** The API pointer of a simple form field (fields with their own pointer pass it explicitly). */
function pointerOf(k: keyof IntakeForm): string {
  return `/${k}`;
}
