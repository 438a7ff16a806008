/**
 * The readers of bench/mixed.ts's burst, in a process of their own: GET the progress API of the
 * people given, at a steady rate, for the time given, and print autocannon's result as JSON on
 * standard output. Apart from the writers' load generator, so the latency measured is the
 * server's, not the wait of a load generator's own event loop busy sending the burst's writes.
 *
 * `node --import tsx bench/burst-readers.ts <base url> <seconds> <connections> <rate>` with
 * `[{ "spaceId", "token" }, …]` on standard input; says "readers under way" on standard error a
 * second after it starts reading.
 */
import autocannon from 'autocannon';

const [base, seconds, connections, rate] = process.argv.slice(2);
let input = '';
for await (const chunk of process.stdin) input += chunk;
const people = JSON.parse(input) as Array<{ spaceId: string; token: string }>;
const pick = () => people[Math.floor(Math.random() * people.length)]!;

// The parent starts the writers once the readers are under way.
setTimeout(() => process.stderr.write('readers under way\n'), 1000).unref();
const result = await autocannon({
  url: base!,
  connections: Number(connections),
  duration: Number(seconds),
  overallRate: Number(rate),
  timeout: 10,
  requests: [
    {
      method: 'GET',
      setupRequest: (req) => {
        const p = pick();
        return {
          ...req,
          path: `/api/v1/spaces/${p.spaceId}/progress`,
          headers: { authorization: `Bearer ${p.token}`, 'accept-encoding': 'gzip' },
        };
      },
    },
  ],
});
process.stdout.write(JSON.stringify(result));
