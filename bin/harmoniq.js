#!/usr/bin/env node
import { guardProcess, main } from '@harmoniq/cli';
const guard = guardProcess(process.env, process.stderr);
process.exitCode = await main({ argv: process.argv.slice(2), env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
guard.finished();
