import * as fs from 'fs';
import * as https from 'https';
import { RbacResource, resourceParts } from '../../src/constructs/rbac-contract';
import { HarnessError } from './processes';

/** One question to the API server's authorizer. */
export interface AccessQuestion {
  readonly verb: string;
  /** `<resource>[/<subresource>][.<group>]`, as `kubectl auth can-i` takes it. */
  readonly resource: string;
  readonly namespace: string;
}

/**
 * Asks the real API server, as the token's own identity, whether it may do something: a
 * SelfSubjectAccessReview (what `kubectl auth can-i` sends), answered by the RBAC authorizer.
 * Straight over HTTPS so a table of hundreds of rows takes seconds, not a kubectl process per row.
 */
export function canI(server: string, caCert: string, token: string, question: AccessQuestion): Promise<boolean> {
  const { group, resource: resourcePart } = resourceParts(question.resource as RbacResource);
  const [resource, subresource] = resourcePart.split('/');
  const body = JSON.stringify({
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { namespace: question.namespace, verb: question.verb, group, resource, ...(subresource ? { subresource } : {}) } },
  });
  const url = new URL('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', server);
  return new Promise((resolve, reject) => {
    const request = https.request(url, {
      method: 'POST',
      ca: fs.readFileSync(caCert),
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      timeout: 10_000,
    }, response => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', chunk => { text += chunk; });
      response.on('end', () => {
        if (response.statusCode !== 201 && response.statusCode !== 200) {
          reject(new HarnessError(`SelfSubjectAccessReview ${question.verb} ${question.resource} -n ${question.namespace}: HTTP ${response.statusCode} ${text.trim()}`));
          return;
        }
        resolve((JSON.parse(text) as { status?: { allowed?: boolean } }).status?.allowed === true);
      });
    });
    request.on('error', error => reject(new HarnessError(`SelfSubjectAccessReview: ${error.message}`)));
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.end(body);
  });
}
