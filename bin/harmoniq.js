#!/usr/bin/env node
import { main } from '@harmoniq/cli';
process.exitCode = await main({ argv: process.argv.slice(2), env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
