// A webhook receiver as a subscriber would write one, verifying each delivery with the Standard Webhooks library and
// reading its body with the CloudEvents SDK (which refuses an event that breaks the specification).
//   node receiver.mjs <port> <secret> [failures] [delay ms]
// The first <failures> requests are answered 503 with Retry-After: 1; the others 204, each after <delay ms>. Each request is printed as one
// JSON line: its webhook-id, whether its signature verified, the event's type, the CloudEvent as the SDK read it (or
// why it could not) and the status answered.
import { createServer } from 'node:http';
import { HTTP } from 'cloudevents';
import { Webhook } from 'standardwebhooks';

const cloudEvent = (headers, body) => {
  try {
    const event = HTTP.toEvent({ headers, body });
    event.validate();
    return { specversion: event.specversion, id: event.id, type: event.type, source: event.source,
      subject: event.subject ?? null, tenantid: event.tenantid ?? null, datacontenttype: event.datacontenttype ?? null };
  } catch (e) {
    return { invalid: String(e.message ?? e) };
  }
};

const [port, secret, failuresArg = '0', delayArg = '0'] = process.argv.slice(2);
const webhook = new Webhook(secret);
let failures = Number(failuresArg);

createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    let verified = false;
    let type = null;
    try {
      type = webhook.verify(body, request.headers).type ?? null;
      verified = true;
    } catch (e) {
      verified = false;
    }
    const status = failures > 0 ? 503 : 204;
    failures -= 1;
    console.log(JSON.stringify({ id: request.headers['webhook-id'], verified, type, status,
      contentType: request.headers['content-type'], cloudEvent: cloudEvent(request.headers, body) }));
    if (status === 503) {
      response.writeHead(503, { 'Retry-After': '1' }).end('busy');
    } else {
      setTimeout(() => response.writeHead(204).end(), Number(delayArg));
    }
  });
}).listen(Number(port), '127.0.0.1', () => console.log('listening'));
