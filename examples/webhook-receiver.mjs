// A webhook receiver for the interview portal: checks the Standard Webhooks signature, then
// handles each event once by its webhook-id. Run: WEBHOOK_SECRET=whsec_... node examples/webhook-receiver.mjs
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import process from 'node:process';
import { Webhook } from 'standardwebhooks';

const webhook = new Webhook(process.env.WEBHOOK_SECRET ?? '');
const port = Number(process.env.PORT ?? 4000);
const seen = new Set(); // Keep these in your database: a retry carries the same webhook-id.

createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let event;
    try {
      event = webhook.verify(Buffer.concat(chunks).toString('utf8'), req.headers);
    } catch {
      return void res.writeHead(400).end('bad signature');
    }
    const id = req.headers['webhook-id'];
    if (!seen.has(id)) process.stdout.write(`${event.type} ${event.data.interviewId ?? ''} ${event.data.status ?? ''}\n`);
    seen.add(id);
    res.writeHead(204).end();
  });
}).listen(port, () => process.stdout.write(`listening on ${port}\n`));
