/** `quote-verifier export`: placeholder until its module lands (see the open issue). */
export async function exportCommand(_argv: string[]): Promise<number> {
  process.stderr.write('quote-verifier export: not available yet\n');
  return 2;
}
