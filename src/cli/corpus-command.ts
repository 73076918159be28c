export async function corpusCommand(_argv: string[]): Promise<number> {
  process.stderr.write('quote-verifier corpus: not implemented yet\n');
  return 2;
}
