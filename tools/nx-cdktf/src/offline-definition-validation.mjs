// @ts-check
// The AWS provider validates a state machine definition it already knows at plan time by calling
// Step Functions' ValidateStateMachineDefinition. An offline plan makes no AWS call, so it points
// the provider's Step Functions endpoint at this loopback server, which answers that one call by
// checking the definition with asl-validator (the same validator the definition tests use) and
// refuses every other Step Functions call.
import { createServer } from 'node:http';
import aslValidator from 'asl-validator';

const VALIDATE = 'AWSStepFunctions.ValidateStateMachineDefinition';

/**
 * The ValidateStateMachineDefinition response for one request body.
 * @param {string} body
 * @returns {{ result: 'OK' | 'FAIL', diagnostics: Array<{ severity: 'ERROR', code: string, message: string }> }}
 */
export function validationResponse(body) {
  let definition;
  try {
    definition = JSON.parse(String(JSON.parse(body).definition));
  } catch (error) {
    return { result: 'FAIL', diagnostics: [{ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message: /** @type {Error} */ (error).message }] };
  }
  const { isValid, errors } = aslValidator(definition);
  if (isValid) return { result: 'OK', diagnostics: [] };
  return {
    result: 'FAIL',
    diagnostics: (errors ?? []).map((/** @type {Record<string, unknown>} */ error) => ({
      severity: 'ERROR',
      code: String(error['Error code'] ?? 'SCHEMA_VALIDATION_FAILED'),
      message: String(error['Message'] ?? JSON.stringify(error)),
    })),
  };
}

/**
 * Starts the server on a free loopback port.
 * @returns {Promise<{ endpoint: string, close: () => Promise<void> }>}
 */
export async function startOfflineDefinitionValidation() {
  const server = createServer((request, response) => {
    const chunks = /** @type {Buffer[]} */ ([]);
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const reply = (/** @type {number} */ status, /** @type {object} */ json) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(json));
      };
      if (target !== VALIDATE) {
        reply(400, { __type: 'UnknownOperationException', message: `an offline plan answers ${VALIDATE} only, not ${target || 'an unnamed call'}` });
        return;
      }
      reply(200, validationResponse(Buffer.concat(chunks).toString('utf8')));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the offline definition validator has no TCP address');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
