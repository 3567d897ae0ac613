import { loadSinkEnv } from '../env';
import { startSink } from './sink';

const env = loadSinkEnv();
const sink = await startSink({
  port: env.SINK_PORT,
  host: env.SINK_HOST,
  twilioAuthToken: env.TWILIO_AUTH_TOKEN,
  smsInboundUrl: env.SINK_SMS_INBOUND_URL,
});
console.log(`Postmark sink listening on ${sink.url} (outbox: ${sink.url}/)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sink.close().then(() => process.exit(0));
  });
}
