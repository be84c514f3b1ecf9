import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * Runs once before the suite: finds out whether a Docker engine answers and, if so, builds the
 * local test images (a second or so when they are current). In CI a missing engine fails the
 * run: integration tests must never silently skip there.
 */
export default function globalSetup(): void {
  // Tests that run the CLI as a process (watch, concurrent applies) must run the code under test,
  // built as users get it (npm run build: tsc, then the CLI bundled into dist/cli/main.bundle.js).
  const root = path.join(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle-cli.js')], { stdio: 'inherit' });
  const available = engineAnswers();
  process.env['MCPO_TEST_DOCKER'] = available ? '1' : '0';
  if (!available) {
    const message = 'No Docker engine answers (docker info failed).';
    if (process.env['CI']) throw new Error(`${message} CI requires one: integration tests cannot run.`);
    process.stderr.write(
      `\n*** ${message} Integration tests are SKIPPED. ***\n*** Start one (e.g. \`dockerd >/tmp/dockerd.log 2>&1 &\`) and run npm test again. ***\n\n`,
    );
    return;
  }
  execFileSync(path.join(__dirname, '..', 'images', 'build.sh'), { stdio: 'inherit', timeout: 600_000 });
}

function engineAnswers(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'pipe', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}
