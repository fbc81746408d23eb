/** `newsprint verify <archive-dir>`: checks a BagIt bag and names every changed, missing or unexpected file. Exit 0 when whole, 1 otherwise. */
import { verifyBag } from '../publish/archive';

export function verifyCommand(args: readonly string[]): number {
  const [folder, extra] = args;
  if (!folder || extra) {
    console.error('usage: newsprint verify <archive-dir>');
    return 2;
  }
  const problems = verifyBag(folder);
  for (const p of problems) console.error(`${p.kind}: ${p.path}${p.detail ? ` (${p.detail})` : ''}`);
  if (problems.length > 0) {
    console.error(`${folder}: the bag is NOT whole: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    return 1;
  }
  console.log(`${folder}: the bag is whole (every file matches manifest-sha512.txt and tagmanifest-sha512.txt)`);
  return 0;
}
