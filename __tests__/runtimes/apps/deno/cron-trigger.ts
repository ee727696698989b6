// Not documented: the test's way into main.ts's Deno.cron, which nothing triggers on demand (it
// fires at its next minute at best). Deno.cron is wrapped before main.ts loads: each cron is
// still registered for real, then its callback is run here at once, and the process exits.
type Run = () => void | Promise<void>;
const registered: { name: string; schedule: string; run: Run }[] = [];
const real = Deno.cron.bind(Deno);
Object.defineProperty(Deno, 'cron', {
  value: (name: string, schedule: string, run: Run) => {
    registered.push({ name, schedule, run });
    return real(name, schedule, run);
  },
});
await import('./main.ts');
const errors: string[] = [];
for (const cron of registered) {
  try {
    await cron.run();
  } catch (error) {
    errors.push(String(error));
  }
}
const crons = registered.map(({ name, schedule }) => ({ name, schedule }));
console.log(JSON.stringify({ crons, errors }));
Deno.exit(0);
