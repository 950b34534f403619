import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';

/** Family names registered under our own alias, so a system font of the same name can never stand in. */
export const TITLE_FONT = 'Harmoniq Inter Bold';
export const LABEL_FONT = 'Harmoniq Inter Medium';

const FILES: Readonly<Record<string, string>> = {
  [TITLE_FONT]: '@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf',
  [LABEL_FONT]: '@expo-google-fonts/inter/500Medium/Inter_500Medium.ttf',
};

/**
 * Registers the bundled Inter faces with the canvas library. The font ships in an npm package (complete Latin,
 * Greek and Cyrillic in one file per weight), so covers render the same in a slim Docker image with no system
 * fonts. Registering is idempotent: the library keeps the registry, we only ask it.
 */
export function ensureFonts(): void {
  const require = createRequire(import.meta.url);
  for (const [family, file] of Object.entries(FILES)) {
    if (GlobalFonts.has(family)) continue;
    const key = GlobalFonts.registerFromPath(require.resolve(file), family);
    if (!key) throw new Error(`could not load the cover font ${file}`);
  }
}
