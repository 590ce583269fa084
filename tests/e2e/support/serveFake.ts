/** Manual look at the UI over a scripted fleet: `npx tsx tests/e2e/support/serveFake.ts [scenario]`. */
import { startFakeApp } from './fakeApp';
import { scenarios } from './scenarios';

const name = (process.argv[2] ?? 'mixed') as keyof typeof scenarios;
const app = await startFakeApp(scenarios[name]);
process.stdout.write(`${app.url}\n`);
process.on('SIGINT', () => void app.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
