/** `quote-verifier review`: placeholder until its module lands (see the open issue). */
export async function reviewCommand(_argv: string[]): Promise<number> {
  process.stderr.write('quote-verifier review: not available yet\n');
  return 2;
}
