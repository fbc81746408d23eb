/** `newsprint verify <archive-dir>`: checks a BagIt bag and names every changed, missing or unexpected file. Exit 0 when whole, 1 otherwise. */
import { verifyBag } from '../publish/archive';
import { EXIT, HELP_OPTION, parseCommand } from './args';
import { HELP } from './help';

export function verifyCommand(args: readonly string[]): number {
  const { values, positionals } = parseCommand(args, HELP_OPTION, { min: 1, max: 1, names: 'the archive folder' });
  if (values.help) { console.log(HELP.verify); return EXIT.ok; }
  const folder = positionals[0] as string;
  const problems = verifyBag(folder);
  for (const p of problems) console.error(`${p.kind}: ${p.path}${p.detail ? ` (${p.detail})` : ''}`);
  if (problems.length > 0) {
    console.error(`${folder}: the bag is NOT whole: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    return 1;
  }
  console.log(`${folder}: the bag is whole (every file matches manifest-sha512.txt and tagmanifest-sha512.txt)`);
  return 0;
}
