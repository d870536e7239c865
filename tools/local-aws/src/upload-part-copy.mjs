// @ts-check
/**
 * UploadPartCopy for the local S3, which s3rver lacks (it answers NotImplemented): the part is
 * read from the source (with x-amz-copy-source-range) and uploaded as an ordinary part, through
 * the same front server, so faults and request counts apply to both halves. Only what the
 * fan-out assembly uses: no conditional copy headers, no cross-account sources.
 */
import { request } from 'node:http';

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {boolean}
 */
export function isUploadPartCopy(req) {
  return req.method === 'PUT' && new URL(req.url ?? '/', 'http://local').searchParams.has('uploadId') && 'x-amz-copy-source' in req.headers;
}

/**
 * @param {number} port
 * @param {string} method
 * @param {string} path
 * @param {Record<string, string | number>} headers
 * @param {Buffer} [body]
 * @returns {Promise<{ status: number, headers: import('node:http').IncomingHttpHeaders, body: Buffer }>}
 */
function loopback(port, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      /** @type {Buffer[]} */
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 500, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {number} port the S3 front server's own port
 */
export async function uploadPartCopy(req, res, port) {
  req.resume();
  const source = decodeURIComponent(String(req.headers['x-amz-copy-source'])).replace(/^\//, '');
  const range = req.headers['x-amz-copy-source-range'];
  const path = `/${source.split('/').map(encodeURIComponent).join('/')}`;
  const read = await loopback(port, 'GET', path, range ? { range: String(range) } : {});
  if (read.status >= 300) return answer(res, read);
  const written = await loopback(port, 'PUT', req.url ?? '/', { 'content-length': read.body.length }, read.body);
  if (written.status >= 300) return answer(res, written);
  const etag = String(written.headers.etag ?? '');
  res.writeHead(200, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<CopyPartResult><ETag>${etag.replaceAll('"', '&quot;')}</ETag><LastModified>${new Date().toISOString()}</LastModified></CopyPartResult>`);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {{ status: number, headers: import('node:http').IncomingHttpHeaders, body: Buffer }} response
 */
function answer(res, response) {
  res.writeHead(response.status, { 'content-type': String(response.headers['content-type'] ?? 'application/xml') });
  res.end(response.body);
}
