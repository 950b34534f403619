import type { Writable } from 'node:stream';

export interface MainOptions {
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: Writable;
  stderr: Writable;
}

export async function main(options: MainOptions): Promise<number> {
  options.stdout.write('harmoniq (skeleton)\n');
  return 0;
}
