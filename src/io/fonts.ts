/** Reads fonts/fonts.json and the font files it names (from npm packages or fonts/). */
import { readFileSync, existsSync } from 'node:fs';
import { PipelineError } from '../diagnostics';
import { FontBook, type FontsConfig } from '../typeset/fonts';
import { fontFilePath, fontsConfigPath, takeFontFile } from './font-files';

export { fontFilePath, fontsDir, projectRoot } from './font-files';

let cached: FontBook | undefined;

/** Opens every font once per process. */
export function loadFontBook(): FontBook {
  if (cached) return cached;
  const configPath = fontsConfigPath;
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as FontsConfig;
  const buffers = new Map<string, Buffer>();
  for (const role of Object.keys(config.roles)) {
    let path: string;
    try {
      path = fontFilePath(role, config);
    } catch {
      throw missingFont(role, configPath, `package ${config.roles[role]?.package} is not installed`);
    }
    if (!existsSync(path)) throw missingFont(role, configPath, `${path} does not exist`);
    buffers.set(role, takeFontFile(path) ?? readFileSync(path));
  }
  cached = new FontBook(config, buffers);
  return cached;
}

const missingFont = (role: string, file: string, why: string) =>
  new PipelineError([{
    severity: 'error', code: 'missing-font', source: { file, context: `role ${role}` },
    message: `the font for role "${role}" cannot be read: ${why}`,
    hint: 'run npm install, or fix the entry in fonts/fonts.json',
  }]);
