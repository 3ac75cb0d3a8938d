// The data files, bundled at build time by scripts/build-apps-script.mjs (JSON imports, the CSV as text), from the
// paths suivi.config.json names. Only main.ts imports this module.
declare module 'suivi:project-sources' {
  const sources: import('./bundled-project').BundledSources;
  export default sources;
}

// The RETEX template descriptions (every .json of the config's files.retexTemplates folder, by file name).
declare module 'suivi:retex-sources' {
  const sources: Readonly<Record<string, unknown>>;
  export default sources;
}
