#!/usr/bin/env node
// The `xueliang` command. The code is TypeScript run through tsx's loader, so there is no
// build step between an edit and a run; see cli/main.ts for the subcommands.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 11)) {
  console.error(`xueliang needs Node.js 20.11 or newer; this is ${process.version}. Install Node 20 LTS and try again.`);
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
await import('../cli/main.ts');
