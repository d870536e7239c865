// @ts-check
/**
 * The emulator process: s3rver (S3) and dynalite (DynamoDB) on loopback ports picked by the OS,
 * each behind a front server that can fail the next N matching requests with a real HTTP error.
 *
 * It runs as its own Node process (started by `LocalAws.start`) for one reason: s3rver encrypts
 * ListObjectsV2 continuation tokens with DES, which Node 17+ only offers with OpenSSL's legacy
 * provider, and that provider can only be enabled when a process starts
 * (`--openssl-legacy-provider`), not from inside a test runner or CLI that is already running.
 * The parent talks to it over the IPC channel; when the parent goes away, so does this process.
 *
 * Messages in:  { id, op: 'inject', rule } | { id, op: 'clearFaults' } | { id, op: 'stats' } | { id, op: 'stop' }
 * Messages out: { op: 'ready', ports: { s3, dynamodb } } | { id, ok: true, result } | { id, ok: false, error }
 */
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUploadPartCopy, uploadPartCopy } from './upload-part-copy.mjs';

/**
 * @typedef {'s3' | 'dynamodb'} Service
 * @typedef {{ service: Service, count?: number, after?: number, operation?: string, keyPrefix?: string, kind?: 'throttle' | 'internal' }} FaultRule
 * @typedef {{ service: Service, operation: string, key?: string }} RequestInfo
 * @typedef {{ service: Service, operation: string, key?: string, status: number, code: string }} InjectedFault
 */

const S3_FAULTS = {
  throttle: { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' },
  internal: { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
};
const DYNAMODB_FAULTS = {
  throttle: { status: 400, code: 'ThrottlingException', message: 'Rate of requests exceeds the allowed throughput.' },
  internal: { status: 500, code: 'InternalServerError', message: 'Internal server error' },
};

/** Pending rules, in the order they were added; a request consumes at most one. */
/** @type {Array<Required<Omit<FaultRule, 'operation' | 'keyPrefix'>> & Pick<FaultRule, 'operation' | 'keyPrefix'>>} */
let rules = [];
/** @type {Record<Service, Record<string, number>>} */
const requests = { s3: {}, dynamodb: {} };
/** @type {InjectedFault[]} */
const injected = [];

/**
 * S3 REST operation from method, path-style URL and headers (only what the pipeline and the
 * tools use; anything else is named after its method).
 * @param {import('node:http').IncomingMessage} req
 * @returns {RequestInfo}
 */
function s3Request(req) {
  const url = new URL(req.url ?? '/', 'http://local');
  const [, bucket = '', ...rest] = url.pathname.split('/');
  const key = rest.length > 0 ? decodeURIComponent(rest.join('/')) : '';
  const q = url.searchParams;
  const onObject = key !== '';
  /** @type {string} */
  let operation;
  switch (req.method) {
    case 'GET':
      operation = onObject ? 'GetObject' : bucket ? (q.has('uploads') ? 'ListMultipartUploads' : 'ListObjects') : 'ListBuckets';
      break;
    case 'HEAD':
      operation = onObject ? 'HeadObject' : 'HeadBucket';
      break;
    case 'PUT':
      if (!onObject) operation = 'CreateBucket';
      else if (q.has('uploadId')) operation = req.headers['x-amz-copy-source'] ? 'UploadPartCopy' : 'UploadPart';
      else if (req.headers['x-amz-copy-source']) operation = 'CopyObject';
      else operation = 'PutObject';
      break;
    case 'POST':
      if (q.has('uploads')) operation = 'CreateMultipartUpload';
      else if (q.has('uploadId')) operation = 'CompleteMultipartUpload';
      else if (q.has('delete')) operation = 'DeleteObjects';
      else operation = 'PostObject';
      break;
    case 'DELETE':
      operation = !onObject ? 'DeleteBucket' : q.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
      break;
    default:
      operation = req.method ?? 'UNKNOWN';
  }
  return { service: 's3', operation, ...(onObject ? { key } : {}) };
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {RequestInfo}
 */
function dynamodbRequest(req) {
  const target = String(req.headers['x-amz-target'] ?? '');
  return { service: 'dynamodb', operation: target.slice(target.indexOf('.') + 1) || 'UNKNOWN' };
}

/**
 * Takes one pending fault matching the request, if any.
 * @param {RequestInfo} request
 */
function takeFault(request) {
  const index = rules.findIndex(
    (rule) =>
      rule.service === request.service &&
      (rule.operation === undefined || rule.operation === request.operation) &&
      (rule.keyPrefix === undefined || (request.key ?? '').startsWith(rule.keyPrefix)),
  );
  const rule = rules[index];
  if (!rule) return undefined;
  if (rule.after > 0) {
    rule.after--;
    return undefined;
  }
  rule.count--;
  if (rule.count <= 0) rules.splice(index, 1);
  return rule.kind;
}

/**
 * Answers like the real service would, so the SDK's own error handling and retries run.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {RequestInfo} request
 * @param {'throttle' | 'internal'} kind
 */
function fail(req, res, request, kind) {
  const requestId = randomUUID();
  const fault = request.service === 's3' ? S3_FAULTS[kind] : DYNAMODB_FAULTS[kind];
  injected.push({ ...request, status: fault.status, code: fault.code });
  const body =
    request.service === 's3'
      ? `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${fault.code}</Code><Message>${fault.message}</Message><RequestId>${requestId}</RequestId></Error>`
      : JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${fault.code}`, message: fault.message });
  const headers =
    request.service === 's3'
      ? { 'content-type': 'application/xml', 'x-amz-request-id': requestId }
      : { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId };
  // Read the request body first: answering mid-upload would break the client's keep-alive socket.
  req.resume();
  req.on('end', () => {
    res.writeHead(fault.status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

/**
 * @param {Service} service
 * @param {(req: import('node:http').IncomingMessage) => RequestInfo} describe
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void} backend
 * @returns {Promise<{ server: import('node:http').Server, port: number }>}
 */
async function frontServer(service, describe, backend) {
  const server = createServer((req, res) => {
    const request = describe(req);
    requests[service][request.operation] = (requests[service][request.operation] ?? 0) + 1;
    const fault = takeFault(request);
    if (fault) fail(req, res, request, fault);
    else backend(req, res);
  });
  // Port 0: the OS picks a free one, so parallel runs and test files never collide.
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('emulator front server has no TCP address');
  return { server, port: address.port };
}

const directory = mkdtempSync(join(tmpdir(), 'local-aws-s3-'));
const s3 = new S3rver({ directory, silent: true, vhostBuckets: false, resetOnClose: false });
// Neither emulator listens itself: their request handlers sit behind the fault-injecting front servers.
const s3Handler = s3.callback();
const dynamodb = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });

/** The S3 front's port, for the UploadPartCopy shim's own requests (set once it listens). */
let s3Port = 0;
const fronts = await Promise.all([
  frontServer('s3', s3Request, (req, res) => {
    if (!isUploadPartCopy(req)) return s3Handler(req, res);
    uploadPartCopy(req, res, s3Port).catch((/** @type {unknown} */ error) => {
      res.writeHead(500, { 'content-type': 'application/xml' });
      res.end(`<Error><Code>InternalError</Code><Message>${error instanceof Error ? error.message : String(error)}</Message></Error>`);
    });
  }),
  frontServer('dynamodb', dynamodbRequest, (req, res) => dynamodb.emit('request', req, res)),
]);

function shutdown() {
  for (const { server } of fronts) server.closeAllConnections();
  rmSync(directory, { recursive: true, force: true });
  process.exit(0);
}

/** @param {{ id: number, op: string, rule?: FaultRule }} message */
function handle(message) {
  switch (message.op) {
    case 'inject': {
      const rule = /** @type {FaultRule} */ (message.rule);
      rules.push({ count: 1, after: 0, kind: 'throttle', ...rule });
      return undefined;
    }
    case 'clearFaults':
      rules = [];
      return undefined;
    case 'stats':
      return { requests, injected, pending: rules.map((rule) => ({ ...rule })) };
    default:
      throw new Error(`unknown emulator host operation '${message.op}'`);
  }
}

process.on('message', (/** @type {{ id: number, op: string, rule?: FaultRule }} */ message) => {
  if (message.op === 'stop') {
    process.send?.({ id: message.id, ok: true, result: undefined }, () => shutdown());
    return;
  }
  try {
    process.send?.({ id: message.id, ok: true, result: handle(message) });
  } catch (error) {
    process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
// The parent exited or crashed: never outlive it holding ports and a temp directory.
process.on('disconnect', shutdown);
s3Port = fronts[0].port;
process.send?.({ op: 'ready', ports: { s3: fronts[0].port, dynamodb: fronts[1].port } });
