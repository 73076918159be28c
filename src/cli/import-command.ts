/** `quote-verifier import`: placeholder until its module lands (see the open issue). */
export async function importCommand(_argv: string[]): Promise<number> {
  process.stderr.write('quote-verifier import: not available yet\n');
  return 2;
}
