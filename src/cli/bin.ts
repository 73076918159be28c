#!/usr/bin/env node
/**
 * The entry of the compiled CLI (dist/cli/quote-verifier.mjs, built by
 * scripts/build-cli.mjs): runs main with the process's arguments. Development
 * runs the same main from source through bin/quote-verifier.mjs.
 */
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
