/**
 * Worker source that imports a TypeScript entry. A worker inherits `--import tsx`
 * through execArgv, but before Node 22.22 tsx installs its module hooks on the main
 * thread only, so the worker cannot load `.ts` by itself: when the first import fails
 * for that reason, the script registers tsx's hooks on the worker's own thread (tsx
 * resolved from the working directory, as the `--import tsx` flag itself was) and
 * imports again, under another URL since the failed import stays cached under the
 * first. Where the hooks already reach workers, the first import succeeds.
 */
export function typeScriptBootstrap(entry: URL): string {
  return `
    const entry = ${JSON.stringify(entry.href)};
    import(entry).catch(async (error) => {
      if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
      const { register } = await import('tsx/esm/api');
      register();
      return import(\`\${entry}?typescript\`);
    });
  `;
}
