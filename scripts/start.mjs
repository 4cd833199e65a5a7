// `npm start`: build the web app if needed, then run the whole system (server/main.ts).
import { spawn } from 'node:child_process';
import { ensureBuild } from './build.mjs';

const root = process.cwd();
ensureBuild(root);
const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
