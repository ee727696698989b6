// Checks a Mermaid diagram with Mermaid's own parser, the one that draws it on GitHub. Mermaid
// needs a DOM (it sanitises labels with DOMPurify): call it from a test file that starts with
// `// @vitest-environment happy-dom`.

import { expect } from 'vitest';

/** Throws unless `text` is an xychart GitHub's Mermaid (11.x) parses. */
export async function expectValidXychart(text: string): Promise<void> {
  // `xychart` alone is newer than GitHub's Mermaid: the -beta name is the one that renders there.
  expect(text).toMatch(/^xychart-beta\n/);
  const { default: mermaid } = await import('mermaid');
  await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'xychart' });
}
