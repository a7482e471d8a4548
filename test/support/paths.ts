/** Where the tests find the project and its fixtures, wherever the test file sits. */
import * as path from 'path';

/** The project's root folder. */
export const ROOT = path.join(__dirname, '..', '..');
/** The public templates the tests read (`test/fixtures/real-templates`, with their sources and licences). */
export const REAL_TEMPLATES = path.join(ROOT, 'test', 'fixtures', 'real-templates');
/** The command line's entry point, as TypeScript source. */
export const CLI_SOURCE = path.join(ROOT, 'src', 'doors', 'cli', 'main.ts');
